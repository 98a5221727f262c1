// `slimage lint --format github`: one GitHub Actions workflow command per finding,
//   ::warning file=Dockerfile,line=3,col=1,endLine=4,title=SL301::message
// (error -> error, warning -> warning, info and style -> notice), so that findings show up as
// annotations on the pull request.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report/lint_report.h"

namespace slimage::report {

void RenderLintGithub(const LintReport& report, std::ostream& out);

// The workflow-command escapes: data escapes %, CR, LF; property values also : and ,. Other
// control characters, bidi controls, invalid UTF-8 and backslashes are escaped first as in
// util/display_escape.h ("\x1b", "\u202e", "\xff", "\\").
std::string EscapeGithubData(std::string_view text);
std::string EscapeGithubProperty(std::string_view text);

}  // namespace slimage::report
