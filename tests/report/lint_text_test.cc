#include "report/lint_text.h"

#include <sstream>

#include <gtest/gtest.h>

namespace slimage::report {
namespace {

LintReport OneFinding(std::string source_line, int column) {
  LintReport report;
  rules::Finding finding;
  finding.rule = "SL301";
  finding.severity = Severity::kWarning;
  finding.line = 4;
  finding.column = column;
  finding.end_line = 4;
  finding.message = "apt lists left in the layer";
  finding.source_line = std::move(source_line);
  report.files.push_back({"Dockerfile", {finding}});
  report.counts[static_cast<size_t>(Severity::kWarning)] = 1;
  return report;
}

TEST(LintText, CaretKeepsTabsAndCountsCharactersNotBytes) {
  std::ostringstream out;
  RenderLintText(OneFinding("\té RUN x", 5), false, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:4:5 SL301 warning: apt lists left in the layer\n"
            "  \té RUN x\n"
            "  \t  ^\n"
            "0 error, 1 warning, 0 info, 0 style in 1 file\n");
}

TEST(LintText, ColoursOnlyWhenAsked) {
  std::ostringstream out;
  RenderLintText(OneFinding("RUN x", 1), true, out);
  EXPECT_EQ(out.str().substr(0, out.str().find('\n')),
            "Dockerfile:4:1 \033[1mSL301\033[0m \033[33mwarning\033[0m: apt lists left in the layer");
}

TEST(LintText, MarksWhatSlimageFixWouldFix) {
  LintReport report = OneFinding("RUN x", 1);
  report.files[0].findings[0].fixable = true;
  std::ostringstream out;
  RenderLintText(report, false, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:4:1 SL301 warning: apt lists left in the layer [*]\n"
            "  RUN x\n"
            "  ^\n"
            "0 error, 1 warning, 0 info, 0 style in 1 file\n"
            "[*] 1 fixable with `slimage fix` (SL303 with --unsafe)\n");
}

}  // namespace
}  // namespace slimage::report
