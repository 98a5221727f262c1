// `slimage lint --format json`: the document of cli.md ("tool", "files", "summary").
#pragma once

#include <ostream>

#include "report/lint_report.h"

namespace slimage::report {

void RenderLintJson(const LintReport& report, std::ostream& out);

}  // namespace slimage::report
