// Linting Dockerfiles held in memory: parse, build the stage model, run every rule, report a
// file that does not parse as one SL000 finding. No I/O here (the CLI reads the files).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/lint_report.h"
#include "rules/finding.h"
#include "rules/rule.h"
#include "util/expected.h"

namespace slimage::report {

struct LintOptions {
  std::string target;                                   // --target; empty: the last stage
  Severity fail_on = Severity::kWarning;  // --fail-on
  bool never_fail = false;                              // --fail-on none
  rules::LintSettings settings;                         // context dir, --all-stages, allow-packages
  std::vector<std::string> ignore;                      // config `ignore:` (IDs; unknown ones match nothing)
  std::map<std::string, Severity, std::less<>> severity;  // config `severity:` overrides
  // The rules to run; unset: rules::AllRules(). Tests pass their own.
  std::optional<std::vector<const rules::Rule*>> rules;
};

struct LintInput {
  std::string file;    // display name
  std::string source;  // contents
  std::string context_dir = {}; // its build context; empty: options.settings.context_dir
};

// After the rules ran, findings suppressed by a pragma in the file (rules/suppressions.h) or
// by `ignore` are dropped, then `severity` overrides apply; SL000 is never dropped.
// Errors only for usage problems (an unknown --target); bad Dockerfiles are findings.
Expected<LintReport> LintFiles(const std::vector<LintInput>& inputs, const LintOptions& options);

// One file: its findings, with source lines attached, sorted.
Expected<FileLint> LintSource(std::string_view file, std::string_view source, const LintOptions& options);

}  // namespace slimage::report
