// `slimage explain ID` and `slimage explain --list`: a rule's descriptor as text.
#pragma once

#include <ostream>
#include <span>

#include "rules/rule.h"

namespace slimage::report {

// Title, severity, whether `slimage fix` rewrites it, the mapped hadolint codes, the
// explanation, and the bad and good examples (indented by four spaces).
void RenderRuleExplanation(const rules::RuleInfo& info, std::ostream& out);

// One line per rule: "SL301  warning  <title>".
void RenderRuleList(std::span<const rules::RuleInfo* const> infos, std::ostream& out);

}  // namespace slimage::report
