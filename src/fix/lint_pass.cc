#include "fix/lint_pass.h"

#include <algorithm>

#include "rules/run_rules.h"

namespace slimage::fix {

int LintPass::Count(std::string_view rule) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const rules::Finding& finding) { return finding.rule == rule; }));
}

std::map<std::string, int> LintPass::Counts() const {
  std::map<std::string, int> counts;
  for (const rules::Finding& finding : findings) ++counts[finding.rule];
  return counts;
}

std::unique_ptr<LintPass> RunLintPass(std::string source, const LintPassOptions& options) {
  auto pass = std::make_unique<LintPass>();
  pass->source = std::move(source);
  pass->parse = dockerfile::Parse(pass->source);
  if (!pass->parse.ok()) {
    pass->error = pass->parse.error;
    return pass;
  }
  pass->model = dockerfile::BuildStages(pass->parse, {options.target});
  if (pass->model.target_error) {
    pass->target_error = pass->model.target_error;
    return pass;
  }
  if (!pass->model.ok()) {
    pass->error = pass->model.error;
    return pass;
  }
  rules::LintContext context{"", pass->source, pass->parse, pass->model.model, options.settings, nullptr};
  pass->findings = rules::RunRules(context, rules::AllRules(), options.ignore);
  pass->runs = context.runs ? context.runs : std::make_shared<const std::vector<rules::RunView>>(
                                                 rules::CollectRuns(pass->model.model));
  return pass;
}

}  // namespace slimage::fix
