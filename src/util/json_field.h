// Reading fields of untrusted JSON (image configs, manifests, Engine answers): a field that is
// missing or of another type reads as empty, never as an exception.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace slimage {

// object[key] when `object` is an object and the field a string, else "".
inline std::string StringField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// object[key] when `object` is an object and the field an unsigned number, else 0.
inline uint64_t UnsignedField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return 0;
  auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

}  // namespace slimage
