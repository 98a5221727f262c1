#include "rules/suppressions.h"

#include <gtest/gtest.h>

namespace slimage::rules {
namespace {

Finding At(const std::string& rule, int line) {
  Finding finding;
  finding.rule = rule;
  finding.line = line;
  return finding;
}

Suppressions Read(const std::string& source) {
  dockerfile::ParseResult parse = dockerfile::Parse(source);
  EXPECT_TRUE(parse.ok());
  return ReadSuppressions(source, parse);
}

TEST(Suppressions, PragmaOnTheLineBeforeCoversThatInstructionOnly) {
  const Suppressions s = Read("FROM debian\n# slimage ignore=SL301,SL303\nRUN apt-get update\nRUN apt-get update\n");
  EXPECT_TRUE(s.Suppresses(At("SL301", 3)));
  EXPECT_TRUE(s.Suppresses(At("SL303", 3)));
  EXPECT_FALSE(s.Suppresses(At("SL304", 3)));
  EXPECT_FALSE(s.Suppresses(At("SL301", 4)));
  EXPECT_TRUE(s.global.empty());
}

TEST(Suppressions, CommentLinesBetweenAreFineABlankLineIsNot) {
  const Suppressions s =
      Read("FROM debian\n# slimage ignore=SL301\n# because\nRUN a\n# slimage ignore=SL303\n\nRUN b\n");
  EXPECT_TRUE(s.Suppresses(At("SL301", 4)));
  EXPECT_FALSE(s.Suppresses(At("SL303", 7)));
}

TEST(Suppressions, CoversContinuationAndHeredocLines) {
  const Suppressions s = Read("FROM debian\n# slimage ignore=SL301\nRUN a \\\n  && b\nRUN <<EOF\nc\nEOF\n");
  EXPECT_TRUE(s.Suppresses(At("SL301", 3)));
  EXPECT_TRUE(s.Suppresses(At("SL301", 4)));
  EXPECT_FALSE(s.Suppresses(At("SL301", 5)));
}

TEST(Suppressions, PragmaInAHeredocBodyIsFileContent) {
  const Suppressions s = Read("FROM debian\nRUN <<EOF\n# slimage global ignore=SL301\n# slimage ignore=SL302\nEOF\n"
                              "# slimage ignore=SL303\nRUN <<EOF\n# slimage ignore=SL304\nEOF\nRUN x\n");
  EXPECT_TRUE(s.global.empty());
  EXPECT_FALSE(s.Suppresses(At("SL304", 10)));
  EXPECT_FALSE(s.Suppresses(At("SL302", 6)));
  EXPECT_TRUE(s.Suppresses(At("SL303", 7)));
  EXPECT_TRUE(s.Suppresses(At("SL303", 9)));
}

TEST(Suppressions, GlobalAnywhereEvenAtTheEnd) {
  const Suppressions s = Read("FROM debian\nRUN a\n#   slimage   global ignore=SL601, SL301 noisy here\n");
  EXPECT_TRUE(s.Suppresses(At("SL601", 2)));
  EXPECT_TRUE(s.Suppresses(At("SL301", 99)));
  EXPECT_EQ(s.global.size(), 2u);
}

TEST(Suppressions, HadolintCodesMapToOurRules) {
  const Suppressions s = Read("FROM debian\n# hadolint ignore=DL3009,DL3015,SC2086\nRUN a\n"
                              "# hadolint global ignore=DL3059\n");
  EXPECT_TRUE(s.Suppresses(At("SL301", 3)));
  EXPECT_TRUE(s.Suppresses(At("SL303", 3)));
  EXPECT_FALSE(s.Suppresses(At("SL304", 3)));
  EXPECT_TRUE(s.Suppresses(At("SL601", 1)));
  EXPECT_EQ(s.global.size(), 1u);
}

TEST(Suppressions, LookAlikesAreNotPragmas) {
  const Suppressions s = Read("FROM debian\n# slimageignore=SL301\n# slimage ignore SL302\n# not slimage ignore=SL303\n"
                              "RUN echo '# slimage ignore=SL304'\nRUN b\n");
  EXPECT_FALSE(s.Suppresses(At("SL301", 5)));
  EXPECT_FALSE(s.Suppresses(At("SL302", 5)));
  EXPECT_FALSE(s.Suppresses(At("SL303", 5)));
  EXPECT_FALSE(s.Suppresses(At("SL304", 6)));
}

TEST(Suppressions, CrlfAndBom) {
  const Suppressions s = Read("\xEF\xBB\xBF" "FROM debian\r\n# slimage ignore=SL301\r\nRUN a\r\n");
  EXPECT_TRUE(s.Suppresses(At("SL301", 3)));
}

}  // namespace
}  // namespace slimage::rules
