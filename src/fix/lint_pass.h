// One lint of a Dockerfile held in memory, keeping the parse, the stage model and the RUN
// analyses that the fixes are computed from. The rules run as for `slimage lint`
// (rules/run_rules.h, which report/lint_runner.h calls too); fix/ does not depend on report/.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"
#include "rules/finding.h"
#include "rules/rule.h"
#include "rules/run_scan.h"

namespace slimage::fix {

struct LintPassOptions {
  std::string target;
  rules::LintSettings settings;
  std::vector<std::string> ignore;  // config `ignore:`
};

struct LintPass {
  std::string source;
  dockerfile::ParseResult parse;
  dockerfile::ModelResult model;
  std::optional<dockerfile::SyntaxError> error;  // does not parse, or BuildKit rejects it
  std::optional<std::string> target_error;
  std::vector<rules::Finding> findings;  // after pragmas and `ignore`
  std::shared_ptr<const std::vector<rules::RunView>> runs;

  bool ok() const { return !error && !target_error; }
  int Count(std::string_view rule) const;
  std::map<std::string, int> Counts() const;
};

// Never moved once made (the model points into the parse).
std::unique_ptr<LintPass> RunLintPass(std::string source, const LintPassOptions& options);

}  // namespace slimage::fix
