// SL7 – build context: SL701 (COPY . without a .dockerignore that excludes .git/node_modules),
// SL702 (COPY --from=<stage> / /).
#pragma once

#include <string>
#include <string_view>

#include "rules/rule.h"

namespace slimage::rules {

class CopyWholeContextRule final : public Rule {  // SL701
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

class CopyWholeStageRule final : public Rule {  // SL702
 public:
  const RuleInfo& info() const override;
  void Check(const LintContext& context, std::vector<Finding>* findings) const override;
};

// Whether a .dockerignore text excludes the top-level entry `name` (".git"): the last pattern
// that matches it decides, `!` patterns re-include, as Docker reads the file.
bool DockerignoreExcludes(std::string_view dockerignore, std::string_view name);

}  // namespace slimage::rules
