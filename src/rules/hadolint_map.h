// Which hadolint checks correspond to which slimage rules (rules.md, column "hadolint"), so
// that `# hadolint ignore=DL3009` also silences SL301. Written once here as data; a test keeps
// it equal to the rules' RuleInfo::hadolint.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace slimage::rules {

struct HadolintMapping {
  std::string_view hadolint;  // "DL3009"
  std::string_view rule;      // "SL301"
};

// Every pair, sorted by hadolint code.
std::span<const HadolintMapping> HadolintMappings();

// The slimage rules that `code` maps to (none for an unmapped code).
std::vector<std::string_view> RulesForHadolint(std::string_view code);

}  // namespace slimage::rules
