// Looking rules up by ID: what `slimage explain`, the SARIF renderer and the config checks
// need. SL000 (the file does not parse) is not a Rule (the lint runner reports it) but has a
// RuleInfo like the others.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace slimage::rules {

// SL000's descriptor.
const RuleInfo& ParseErrorInfo();

// SL000 first, then the descriptors of `rules` in their order.
std::vector<const RuleInfo*> RuleInfos(std::span<const Rule* const> rules);

// SL000 and every registered rule (AllRules()).
std::vector<const RuleInfo*> AllRuleInfos();

// The descriptor of `id` among SL000 and AllRules(), or nullptr.
const RuleInfo* FindRuleInfo(std::string_view id);

}  // namespace slimage::rules
