// `slimage lint --format gitlab`: GitLab's Code Quality report (a subset of the Code Climate
// spec), for `artifacts: reports: codequality:` in .gitlab-ci.yml. One JSON array; each finding
// is {description, check_name, fingerprint, severity, location: {path, lines: {begin, end}}}.
// Severity follows hadolint's GitLab output: error → blocker, warning → major, info → info,
// style → minor. The fingerprint (GitLab's identity of an issue across pipelines) is the
// SHA-256 of file, rule, line and message, 32 hex digits; a repeated identical finding gets
// its occurrence number mixed in, since GitLab shows only the first of equal fingerprints.
#pragma once

#include <ostream>

#include "report/lint_report.h"

namespace slimage::report {

void RenderLintGitlab(const LintReport& report, std::ostream& out);

}  // namespace slimage::report
