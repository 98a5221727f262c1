#include "util/severity.h"

#include <array>
#include <cstddef>

namespace slimage {
namespace {
constexpr std::array<std::string_view, kSeverityCount> kNames = {"style", "info", "warning", "error"};
}  // namespace

std::string_view SeverityName(Severity severity) { return kNames[static_cast<size_t>(severity)]; }

std::optional<Severity> ParseSeverity(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<Severity>(i);
  }
  return std::nullopt;
}

}  // namespace slimage
