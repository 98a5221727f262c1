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


// Issue 16 item 5: a Dockerfile's bytes and the words a message quotes are escaped, and the
// caret still points at the finding's column, counted in the escaped excerpt.
TEST(LintText, HostileExcerptIsEscapedAndTheCaretStaysUnderItsColumn) {
  // 'x' is byte 13: "RUN " ESC "[2J" U+202E (3 bytes) " " -> 18 characters once escaped.
  LintReport report = OneFinding("RUN \x1b[2J\u202e x", 13);
  report.files[0].file = "Docker\nfile";
  report.files[0].findings[0].message = "quotes \x1b]0;title\x07 and \xc2\x9b";
  std::ostringstream out;
  RenderLintText(report, false, out);
  EXPECT_EQ(out.str(),
            "Docker\\nfile:4:13 SL301 warning: quotes \\x1b]0;title\\x07 and \\u009b\n"
            "  RUN \\x1b[2J\\u202e x\n"
            "  " + std::string(18, ' ') + "^\n"
            "0 error, 1 warning, 0 info, 0 style in 1 file\n");
}

TEST(LintText, InvalidUtf8AndBackslashInTheExcerpt) {
  // "RUN caf" 0xE9 " \\n x \\": the stray byte shows as \xe9 (4 columns), the backslash before
  // n as \\ (2); the line continuation stays one backslash.
  std::ostringstream out;
  RenderLintText(OneFinding("RUN caf\xe9 \\n x \\", 13), false, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:4:13 SL301 warning: apt lists left in the layer\n"
            "  RUN caf\\xe9 \\\\n x \\\n"
            "                  ^\n"
            "0 error, 1 warning, 0 info, 0 style in 1 file\n");
}

TEST(LintText, CaretAfterADoubledBackslash) {
  // The backslash before x prints as two: the caret under x moves one column further.
  std::ostringstream out;
  RenderLintText(OneFinding("RUN \\x y", 6), false, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:4:6 SL301 warning: apt lists left in the layer\n"
            "  RUN \\\\x y\n"
            "        ^\n"
            "0 error, 1 warning, 0 info, 0 style in 1 file\n");
}

TEST(LintText, TabsInTheExcerptStayTabsOtherControlsDoNot) {
  std::ostringstream out;
  RenderLintText(OneFinding("\tRUN\x7f\x01 x", 8), false, out);
  EXPECT_EQ(out.str(),
            "Dockerfile:4:8 SL301 warning: apt lists left in the layer\n"
            "  \tRUN\\x7f\\x01 x\n"
            "  \t" + std::string(12, ' ') + "^\n"
            "0 error, 1 warning, 0 info, 0 style in 1 file\n");
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
