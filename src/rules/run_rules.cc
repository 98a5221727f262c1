#include "rules/run_rules.h"

#include <algorithm>
#include <tuple>

#include "rules/suppressions.h"

namespace slimage::rules {

std::vector<Finding> RunRules(const LintContext& context, std::span<const Rule* const> rules,
                              const std::vector<std::string>& ignore) {
  std::vector<Finding> findings;
  for (const Rule* rule : rules) rule->Check(context, &findings);
  const Suppressions pragmas = ReadSuppressions(context.source, context.parse);
  std::erase_if(findings, [&](const Finding& finding) {
    return pragmas.Suppresses(finding) || std::find(ignore.begin(), ignore.end(), finding.rule) != ignore.end();
  });
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.column, a.rule) < std::tie(b.line, b.column, b.rule);
  });
  return findings;
}

}  // namespace slimage::rules
