// The `.slimage.yaml` configuration (cli.md "Configuration"): rules to ignore, severity
// overrides, packages allowed by SL401/IM204, the fail-on threshold and the budgets of
// `slimage check`. Unknown keys and bad values are errors naming the file and line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"
#include "util/severity.h"

namespace slimage::config {

inline constexpr std::string_view kDefaultConfigFile = ".slimage.yaml";
inline constexpr size_t kMaxConfigBytes = 1u << 20;

struct Budgets {
  std::optional<uint64_t> max_size;                // bytes: image size
  std::optional<uint64_t> max_wasted;              // bytes: wasted
  std::optional<double> min_efficiency;            // 0..1
  std::optional<double> max_user_wasted_percent;   // 0..100
};

struct Config {
  std::string path;                                   // where it was read from; "" = none
  std::vector<std::string> ignore;                    // rule IDs
  std::map<std::string, Severity> severity; // rule ID -> severity
  std::vector<std::string> allow_packages;
  std::optional<Severity> fail_on;
  Budgets budgets;
  // The line where each rule ID of `ignore`/`severity` is first named, so that the commands
  // that know the rules can report an unknown one at its line.
  std::map<std::string, int> rule_lines;
};

// Parses the text of a config file; `file_name` prefixes every error ("f.yaml:3: ...").
Expected<Config> ParseConfig(std::string_view yaml, const std::string& file_name);

// Reads `explicit_path` (--config FILE), or else .slimage.yaml in the current directory when
// it exists, or else returns the defaults (an empty Config).
Expected<Config> LoadConfig(const std::string& explicit_path);

// A decimal number within [low, high] (budget ratios and percentages); the error reads
// "must be a number between 0 and 1, not 'x'" for the caller to prefix with the name.
Expected<double> ParseNumberInRange(std::string_view text, double low, double high);

}  // namespace slimage::config
