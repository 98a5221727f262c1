// SL2 – base images: SL201 (a smaller official variant exists), SL202 (no tag, or :latest).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

class SmallerBaseRule final : public Rule {  // SL201
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

class UnpinnedBaseRule final : public Rule {  // SL202
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

}  // namespace slimage::rules
