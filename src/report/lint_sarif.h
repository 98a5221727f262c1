// `slimage lint --format sarif`: a SARIF 2.1.0 log with one run for GitHub code scanning. The
// rule descriptors are the report's `rules`; each finding is a result with a physical location.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report/lint_report.h"

namespace slimage::report {

// Where the explanation of a rule lives (the rule catalogue of this repository).
// The project's home (SARIF informationUri).
inline constexpr std::string_view kProjectUri = "https://github.com/slimage/slimage";
// The rule docs: docs/lint-rules.md on main, whose "Rule reference" has one `### SL301` heading per
// rule (scripts/rule-reference.sh); helpUri is this plus `#sl301`. A test checks every anchor exists.
inline constexpr std::string_view kRuleDocsUri = "https://github.com/slimage/slimage/blob/main/docs/lint-rules.md";

void RenderLintSarif(const LintReport& report, std::ostream& out);

// SARIF's level for a severity: error, warning, note (info and style).
std::string_view SarifLevel(Severity severity);

// A file name as a relative URI reference: bytes outside RFC 3986's unreserved set and '/'
// are percent-encoded ("my file" -> "my%20file").
std::string FileUri(std::string_view file);

}  // namespace slimage::report
