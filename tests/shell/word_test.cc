#include "shell/word.h"

#include <gtest/gtest.h>

#include <map>

namespace slimage::shell {
namespace {

VariableLookup From(std::map<std::string, std::string> values) {
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::vector<std::string> Values(const std::vector<Word>& words) {
  std::vector<std::string> out;
  for (const auto& word : words) out.push_back(word.value);
  return out;
}

using Strings = std::vector<std::string>;

TEST(ExpandShellWord, QuotesAndEscapes) {
  auto lookup = From({{"A", "x"}});
  EXPECT_EQ(Values(ExpandShellWord("'a b'\"$A c\"\\ d", 0, lookup)), Strings{"a bx c d"});
  EXPECT_EQ(Values(ExpandShellWord("\"a\\nb\\$A\\\\\"", 0, lookup)), Strings{"a\\nb$A\\"});
  EXPECT_EQ(Values(ExpandShellWord("'$A'", 0, lookup)), Strings{"$A"});
  EXPECT_EQ(Values(ExpandShellWord("a\\\nb", 0, lookup)), Strings{"ab"});
}

TEST(ExpandShellWord, KnownUnquotedValueIsSplitQuotedIsNot) {
  auto lookup = From({{"PKGS", "git  vim "}, {"EMPTY", ""}});
  EXPECT_EQ(Values(ExpandShellWord("$PKGS", 0, lookup)), (Strings{"git", "vim"}));
  EXPECT_EQ(Values(ExpandShellWord("\"$PKGS\"", 0, lookup)), Strings{"git  vim "});
  EXPECT_EQ(Values(ExpandShellWord("pre$PKGS", 0, lookup)), (Strings{"pregit", "vim"}));
  EXPECT_TRUE(ExpandShellWord("$EMPTY", 0, lookup).empty());
  EXPECT_EQ(Values(ExpandShellWord("\"$EMPTY\"", 0, lookup)), Strings{""});
}

TEST(ExpandShellWord, UnknownVariableStaysVisible) {
  auto lookup = From({});
  auto words = ExpandShellWord("${PKGS}-dev", 7, lookup);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].value, "${PKGS}-dev");
  EXPECT_EQ(words[0].unknown_variables, Strings{"PKGS"});
  EXPECT_FALSE(words[0].known());
  EXPECT_EQ(words[0].begin, 7u);
  EXPECT_EQ(words[0].end, 18u);
  EXPECT_EQ(Values(ExpandShellWord("$1", 0, lookup)), Strings{"$1"});
}

TEST(ExpandShellWord, Modifiers) {
  auto lookup = From({{"SET", "v"}, {"EMPTY", ""}});
  EXPECT_EQ(Values(ExpandShellWord("${SET:-d}${EMPTY:-d}${EMPTY-d}", 0, lookup)), Strings{"vd"});
  EXPECT_EQ(Values(ExpandShellWord("${SET:+alt}${EMPTY:+alt}", 0, lookup)), Strings{"alt"});
  // Unknown whether NOPE is set: the whole expansion is kept.
  auto words = ExpandShellWord("${NOPE:-d}", 0, lookup);
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].value, "${NOPE:-d}");
  EXPECT_FALSE(words[0].known());
  // Operations the analysis does not evaluate keep their text.
  EXPECT_EQ(Values(ExpandShellWord("${SET%.*}", 0, lookup)), Strings{"${SET%.*}"});
}

TEST(ExpandShellWord, CommandSubstitutionIsUnknown) {
  auto words = ExpandShellWord("$(cat pkgs.txt)", 0, From({}));
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].value, "$(cat pkgs.txt)");
  EXPECT_TRUE(words[0].has_command_substitution);
  EXPECT_FALSE(words[0].known());
  EXPECT_TRUE(ExpandShellWord("`uname -m`", 0, From({}))[0].has_command_substitution);
}

TEST(ExpandShellWord, MalformedTextNeverFails) {
  for (std::string_view raw : {"'abc", "\"abc", "${abc", "$(abc", "`abc", "\\", "$", "${", "${:-}"}) {
    auto words = ExpandShellWord(raw, 0, From({}));
    EXPECT_LE(words.size(), 1u) << raw;
  }
}

TEST(ShellWordHelpers, AssignmentsAndUnquote) {
  EXPECT_TRUE(IsAssignmentWord("DEBIAN_FRONTEND=noninteractive"));
  EXPECT_TRUE(IsAssignmentWord("A="));
  EXPECT_FALSE(IsAssignmentWord("1A=x"));
  EXPECT_FALSE(IsAssignmentWord("--opt=x"));
  EXPECT_FALSE(IsAssignmentWord("=x"));
  EXPECT_EQ(UnquoteShellWord("'EOF'"), "EOF");
  EXPECT_EQ(UnquoteShellWord("\"E\"OF"), "EOF");
}

}  // namespace
}  // namespace slimage::shell
