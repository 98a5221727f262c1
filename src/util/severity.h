// The severity of a finding, for lint rules (SL…), image findings (IM…), the config's
// `severity:`/`fail-on` and --fail-on alike. Ordered from least to most severe, so that
// `severity >= fail_on` reads naturally.
#pragma once

#include <optional>
#include <string_view>

namespace slimage {

enum class Severity { kStyle, kInfo, kWarning, kError };

inline constexpr int kSeverityCount = 4;

std::string_view SeverityName(Severity severity);  // "style", "info", "warning", "error"
std::optional<Severity> ParseSeverity(std::string_view name);

}  // namespace slimage
