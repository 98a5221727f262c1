// Fuzzes the .slimage.yaml loader: any text is a Config or an error naming a line, never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > slimage::config::kMaxConfigBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = slimage::config::ParseConfig(text, "fuzz.yaml");
  if (!result.ok() && result.error().message.rfind("fuzz.yaml:", 0) != 0) std::abort();
  return 0;
}
