#include "cli/fix_rules_option.h"

#include <algorithm>

#include <fmt/format.h>

#include "cli/command.h"
#include "fix/fixer.h"
#include "rules/catalogue.h"

namespace slimage::cli {

std::vector<std::string> FixRulesOrThrow(const std::vector<std::string>& ids) {
  const auto& fixable = fix::FixableRules();
  for (const std::string& id : ids) {
    if (rules::FindRuleInfo(id) == nullptr) {
      throw InvalidInput(fmt::format("--rules: unknown rule '{}' (slimage explain --list lists them)", id));
    }
    if (std::find(fixable.begin(), fixable.end(), id) == fixable.end()) {
      throw InvalidInput(fmt::format("--rules: {} has no automatic fix", id));
    }
  }
  return ids;
}

}  // namespace slimage::cli
