#include "rules/pip_setting.h"

#include <array>
#include <string>

namespace slimage::rules {

std::optional<bool> PipStrToBool(std::string_view value) {
  std::string lower;
  for (char c : value) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  static constexpr std::array<std::string_view, 6> kTrue{"y", "yes", "t", "true", "on", "1"};
  static constexpr std::array<std::string_view, 6> kFalse{"n", "no", "f", "false", "off", "0"};
  for (std::string_view word : kTrue) {
    if (lower == word) return true;
  }
  for (std::string_view word : kFalse) {
    if (lower == word) return false;
  }
  return std::nullopt;
}

PipCacheState PipCacheFromNoCacheDir(std::optional<std::string_view> value) {
  if (!value || value->empty()) return PipCacheState::kOn;
  // pip once disabled the cache for "false" by mistake and keeps doing so for compatibility:
  // every valid value, true or false, turns the cache off.
  return PipStrToBool(*value) ? PipCacheState::kOff : PipCacheState::kRefused;
}

}  // namespace slimage::rules
