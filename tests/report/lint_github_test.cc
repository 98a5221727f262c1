#include "report/lint_github.h"

#include <sstream>

#include <gtest/gtest.h>

namespace slimage::report {
namespace {

rules::Finding Make(const std::string& rule, Severity severity, int line, int column, int end_line,
                    const std::string& message) {
  rules::Finding finding;
  finding.rule = rule;
  finding.severity = severity;
  finding.line = line;
  finding.column = column;
  finding.end_line = end_line;
  finding.message = message;
  return finding;
}

TEST(LintGithub, OneCommandPerFindingWithSeverityMapping) {
  LintReport report;
  report.files.push_back({"Dockerfile",
                          {Make("SL000", Severity::kError, 1, 1, 1, "bad"),
                           Make("SL301", Severity::kWarning, 3, 5, 4, "apt-get update keeps lists"),
                           Make("SL303", Severity::kInfo, 5, 1, 5, "x"),
                           Make("SL601", Severity::kStyle, 7, 1, 8, "y")}});
  report.files.push_back({"a,b:c", {Make("SL301", Severity::kWarning, 2, 1, 2, "50% of 1,2: a\nb\r")}});
  std::ostringstream out;
  RenderLintGithub(report, out);
  EXPECT_EQ(out.str(),
            "::error file=Dockerfile,line=1,col=1,endLine=1,title=SL000::bad\n"
            "::warning file=Dockerfile,line=3,col=5,endLine=4,title=SL301::apt-get update keeps lists\n"
            "::notice file=Dockerfile,line=5,col=1,endLine=5,title=SL303::x\n"
            "::notice file=Dockerfile,line=7,col=1,endLine=8,title=SL601::y\n"
            "::warning file=a%2Cb%3Ac,line=2,col=1,endLine=2,title=SL301::50%25 of 1,2: a%0Ab%0D\n");
}

// Issue 16 item 5: besides GitHub's own %25/%0D/%0A (and %3A/%2C in properties), other control
// characters, bidi controls, invalid UTF-8 and backslashes are escaped as in text output.
TEST(LintGithub, HostileBytesCannotInjectIntoTheLog) {
  LintReport report;
  report.files.push_back({"a\x1b[2J:b,\u202e",
                          {Make("SL301", Severity::kWarning, 2, 1, 2,
                                "50% \\ \\n \x1b]0;pwned\x07\n::error::forged\r \xc2\x9b \u2066 \xff \x7f\t é")}});
  std::ostringstream out;
  RenderLintGithub(report, out);
  EXPECT_EQ(out.str(),
            "::warning file=a\\x1b[2J%3Ab%2C\\u202e,line=2,col=1,endLine=2,title=SL301::"
            "50%25 \\ \\\\n \\x1b]0;pwned\\x07%0A::error::forged%0D \\u009b \\u2066 \\xff \\x7f\\t é\n");
}

TEST(LintGithub, NoFindingsNoOutput) {
  LintReport report;
  report.files.push_back({"Dockerfile", {}});
  std::ostringstream out;
  RenderLintGithub(report, out);
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace slimage::report
