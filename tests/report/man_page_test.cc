#include "report/man_page.h"

#include <gtest/gtest.h>

#include <sstream>

namespace slimage::report {
namespace {

ProgramHelp SmallProgram() {
  ProgramHelp program{"slimage", "1.2.3", "find what makes images big", {}};
  CommandHelp lint{"lint", "Lint Dockerfiles", {}};
  lint.options.push_back({{"--format"}, "TEXT", {"text", "json"}, "Output format", false, false});
  lint.options.push_back({{"--all-stages"}, "", {}, ".starts with a dot\\ and a backslash", false, false});
  lint.options.push_back({{}, "FILE", {}, "Dockerfiles", true, true});
  program.commands.push_back(lint);
  return program;
}

TEST(ManPage, RendersEachCommandOptionAndPositionalWithRoffEscapes) {
  std::ostringstream out;
  RenderManPage(SmallProgram(), out);
  const std::string page = out.str();
  EXPECT_NE(page.find(".TH SLIMAGE 1 \"\" \"slimage 1.2.3\" \"User Commands\"\n"), std::string::npos) << page;
  EXPECT_NE(page.find(".SS \"lint\"\n\\fBslimage lint\\fR [\\fIOPTIONS\\fR] [\\fIFILE\\fR...]\n.PP\nLint Dockerfiles\n"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find(".TP\n\\fB\\-\\-format\\fR \\fItext|json\\fR\nOutput format\n"), std::string::npos) << page;
  // A description starting with '.' would be a roff request; a backslash is \e.
  EXPECT_NE(page.find(".TP\n\\fB\\-\\-all\\-stages\\fR\n\\&.starts with a dot\\e and a backslash\n"), std::string::npos)
      << page;
  EXPECT_NE(page.find(".TP\n\\fIFILE\\fR\nDockerfiles\n"), std::string::npos) << page;
  EXPECT_NE(page.find(".SH \"EXIT STATUS\""), std::string::npos);
  EXPECT_NE(page.find(".B DOCKER_HOST"), std::string::npos);
}

}  // namespace
}  // namespace slimage::report
