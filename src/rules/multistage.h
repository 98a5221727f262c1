// SL1 – multi-stage builds: SL101 (toolchain image shipped), SL102 (build packages left
// installed), SL103 (unnamed stage never used).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

class ToolchainBaseRule final : public Rule {  // SL101
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

class BuildPackagesKeptRule final : public Rule {  // SL102
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

class UnusedStageRule final : public Rule {  // SL103
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

}  // namespace slimage::rules
