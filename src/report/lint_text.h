// `slimage lint --format text`: per finding `file:line:col RULE severity: message`, the source
// line and a caret under the column; then one summary line.
#pragma once

#include <ostream>

#include "report/lint_report.h"

namespace slimage::report {

void RenderLintText(const LintReport& report, bool color, std::ostream& out);

}  // namespace slimage::report
