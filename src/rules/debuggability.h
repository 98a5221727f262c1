// SL8 – debuggability balance: SL801 (no shell in the image and no debug target).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

class NoDebugTargetRule final : public Rule {  // SL801
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

}  // namespace slimage::rules
