#include "config/config.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>

#include <yaml-cpp/yaml.h>

#include "util/file.h"
#include "util/size.h"

namespace slimage::config {
namespace {

constexpr std::string_view kSeverityChoices = "use error, warning, info or style";

// Thrown inside the parser only, turned into an Error by ParseConfig.
struct ConfigError {
  int line;
  std::string message;
};

int LineOf(const YAML::Node& node, int fallback) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback : mark.line + 1;
}

[[noreturn]] void Fail(int line, std::string message) { throw ConfigError{line, std::move(message)}; }

bool IsRuleId(std::string_view id) {
  if (id.size() != 5 || (id.substr(0, 2) != "SL" && id.substr(0, 2) != "IM")) return false;
  for (char c : id.substr(2)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string ScalarOf(const YAML::Node& node, int line, std::string_view key, std::string_view what) {
  if (!node.IsScalar()) Fail(line, fmt::format("'{}' must be {}", key, what));
  return node.Scalar();
}

// A list of scalars; a single scalar is taken as a list of one; null as an empty list.
std::vector<std::pair<std::string, int>> ScalarList(const YAML::Node& node, int line, std::string_view key,
                                                    std::string_view what) {
  std::vector<std::pair<std::string, int>> out;
  if (node.IsNull()) return out;
  if (node.IsScalar()) {
    out.emplace_back(node.Scalar(), line);
    return out;
  }
  if (!node.IsSequence()) Fail(line, fmt::format("'{}' must be a list of {}", key, what));
  for (const YAML::Node& item : node) {
    const int item_line = LineOf(item, line);
    if (!item.IsScalar()) Fail(item_line, fmt::format("'{}' must be a list of {}", key, what));
    out.emplace_back(item.Scalar(), item_line);
  }
  return out;
}

Severity SeverityOf(const std::string& name, int line, std::string_view context) {
  const std::optional<Severity> severity = ParseSeverity(name);
  if (!severity) Fail(line, fmt::format("{}: unknown severity '{}' ({})", context, name, kSeverityChoices));
  return *severity;
}

double NumberIn(const std::string& text, double low, double high, int line, std::string_view key) {
  Expected<double> value = ParseNumberInRange(text, low, high);
  if (!value) Fail(line, fmt::format("'{}' {}", key, value.error().message));
  return *value;
}

// Visits the keys of a mapping in order, refusing duplicates and non-scalar keys.
template <typename Visit>
void ForEachKey(const YAML::Node& map, int map_line, std::string_view where, Visit visit) {
  std::set<std::string> seen;
  for (const auto& item : map) {
    const int key_line = LineOf(item.first, map_line);
    if (!item.first.IsScalar()) Fail(key_line, fmt::format("keys{} must be plain names", where));
    const std::string key = item.first.Scalar();
    if (!seen.insert(key).second) Fail(key_line, fmt::format("duplicate key '{}'{}", key, where));
    visit(key, item.second, key_line);
  }
}

void ParseBudgets(const YAML::Node& node, int line, Budgets* budgets) {
  if (node.IsNull()) return;
  if (!node.IsMap()) Fail(line, "'budgets' must be a mapping (max-size, max-wasted, min-efficiency, "
                                "max-user-wasted-percent)");
  ForEachKey(node, line, " in 'budgets'", [&](const std::string& key, const YAML::Node& value, int key_line) {
    const int value_line = LineOf(value, key_line);
    if (key == "max-size" || key == "max-wasted") {
      const std::string text = ScalarOf(value, value_line, key, "a size like 200MB");
      Expected<uint64_t> size = ParseSize(text);
      if (!size) Fail(value_line, fmt::format("'{}': {}", key, size.error().message));
      (key == "max-size" ? budgets->max_size : budgets->max_wasted) = *size;
    } else if (key == "min-efficiency") {
      const std::string text = ScalarOf(value, value_line, key, "a number between 0 and 1");
      budgets->min_efficiency = NumberIn(text, 0, 1, value_line, key);
    } else if (key == "max-user-wasted-percent") {
      const std::string text = ScalarOf(value, value_line, key, "a number between 0 and 100");
      budgets->max_user_wasted_percent = NumberIn(text, 0, 100, value_line, key);
    } else {
      Fail(key_line, fmt::format("unknown key '{}' in 'budgets'", key));
    }
  });
}

Config ParseRoot(const YAML::Node& root, const std::string& file_name) {
  Config config;
  config.path = file_name;
  if (!root.IsDefined() || root.IsNull()) return config;  // an empty file
  if (!root.IsMap()) Fail(LineOf(root, 1), "expected a mapping of settings (ignore, severity, ...)");
  ForEachKey(root, 1, "", [&](const std::string& key, const YAML::Node& value, int key_line) {
    const int value_line = LineOf(value, key_line);
    if (key == "ignore") {
      for (auto& [id, id_line] : ScalarList(value, value_line, key, "rule IDs")) {
        if (!IsRuleId(id)) Fail(id_line, fmt::format("'ignore': '{}' is not a rule ID (like SL301 or IM201)", id));
        config.ignore.push_back(id);
        config.rule_lines.emplace(id, id_line);
      }
    } else if (key == "severity") {
      if (value.IsNull()) return;
      if (!value.IsMap()) Fail(value_line, "'severity' must be a mapping of rule ID to severity");
      ForEachKey(value, value_line, " in 'severity'", [&](const std::string& id, const YAML::Node& level, int id_line) {
        if (!IsRuleId(id)) Fail(id_line, fmt::format("'severity': '{}' is not a rule ID (like SL301 or IM201)", id));
        config.rule_lines.emplace(id, id_line);
        const int level_line = LineOf(level, id_line);
        const std::string name = ScalarOf(level, level_line, "severity", "a mapping of rule ID to severity");
        config.severity[id] = SeverityOf(name, level_line, fmt::format("'severity' of {}", id));
      });
    } else if (key == "allow-packages") {
      for (auto& [name, name_line] : ScalarList(value, value_line, key, "package names")) {
        if (name.empty()) Fail(name_line, "'allow-packages': empty package name");
        config.allow_packages.push_back(name);
      }
    } else if (key == "fail-on") {
      const std::string name = ScalarOf(value, value_line, key, "a severity");
      config.fail_on = SeverityOf(name, value_line, "'fail-on'");
    } else if (key == "budgets") {
      ParseBudgets(value, value_line, &config.budgets);
    } else {
      Fail(key_line, fmt::format("unknown key '{}'", key));
    }
  });
  return config;
}

}  // namespace

Expected<double> ParseNumberInRange(std::string_view text, double low, double high) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value) || value < low || value > high) {
    return MakeError("must be a number between {} and {}, not '{}'", low, high, text);
  }
  return value;
}

Expected<Config> ParseConfig(std::string_view yaml, const std::string& file_name) {
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    return ParseRoot(root, file_name);
  } catch (const ConfigError& error) {
    return MakeError("{}:{}: {}", file_name, error.line, error.message);
  } catch (const YAML::Exception& error) {
    const int line = error.mark.is_null() ? 1 : error.mark.line + 1;
    return MakeError("{}:{}: invalid YAML: {}", file_name, line, error.msg);
  }
}

Expected<Config> LoadConfig(const std::string& explicit_path) {
  std::string path = explicit_path;
  if (path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(kDefaultConfigFile, ec)) return Config{};
    path = std::string(kDefaultConfigFile);
  }
  Expected<std::string> text = ReadTextFile(path, kMaxConfigBytes);
  if (!text) return text.error();
  return ParseConfig(*text, path);
}

}  // namespace slimage::config
