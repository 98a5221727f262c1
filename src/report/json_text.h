// Text fields of the JSON and SARIF documents. nlohmann's dump() throws (type_error 316) on
// invalid UTF-8, and a file name in an image layer or a byte in a Dockerfile may be any bytes.
// The lossless form (docs/image-analysis.md, "Hostile names"): valid UTF-8 is written as it is
// (JSON escapes control characters as \u00XX); otherwise `key` holds the text with each invalid
// byte replaced by U+FFFD and `key_base64` the exact bytes, base64 (RFC 4648) — so a consumer
// that wants the exact name reads `key_base64` when present, else `key`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/base64.h"
#include "util/utf8.h"

namespace slimage::report {

template <typename Json>
void PutText(Json& object, const std::string& key, std::string_view value) {
  if (IsValidUtf8(value)) {
    object[key] = std::string(value);
    return;
  }
  object[key] = ToValidUtf8(value);
  object[key + "_base64"] = Base64Encode(value);
}

// A list of texts: `key_base64`, when some element is not UTF-8, encodes every element so that
// the indexes of both lists match.
template <typename Json>
void PutTexts(Json& object, const std::string& key, const std::vector<std::string>& values) {
  Json list = Json::array();
  bool all_valid = true;
  for (const std::string& value : values) {
    all_valid = all_valid && IsValidUtf8(value);
    list.push_back(ToValidUtf8(value));
  }
  object[key] = std::move(list);
  if (all_valid) return;
  Json encoded = Json::array();
  for (const std::string& value : values) encoded.push_back(Base64Encode(value));
  object[key + "_base64"] = std::move(encoded);
}

}  // namespace slimage::report
