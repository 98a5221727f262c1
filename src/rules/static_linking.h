// SL5 – static linking and what runs in a minimal base: SL501 (dynamic binary copied into
// scratch/distroless static), SL502 (shell form without a shell), SL503 (scratch without CA
// certificates).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

class DynamicBinaryInStaticBaseRule final : public Rule {  // SL501
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

class ShellFormWithoutShellRule final : public Rule {  // SL502
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

class ScratchWithoutCaCertificatesRule final : public Rule {  // SL503
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

}  // namespace slimage::rules
