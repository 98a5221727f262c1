// One lint of a parsed Dockerfile: every rule over the context, minus what the file's ignore
// pragmas and the config's `ignore:` list silence, in line, column, rule order. Shared by
// `slimage lint` (report/lint_runner.h) and the fixes' proof (fix/lint_pass.h).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "rules/finding.h"
#include "rules/rule.h"

namespace slimage::rules {

std::vector<Finding> RunRules(const LintContext& context, std::span<const Rule* const> rules,
                              const std::vector<std::string>& ignore);

}  // namespace slimage::rules
