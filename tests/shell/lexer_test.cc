#include "shell/lexer.h"

#include <gtest/gtest.h>

namespace slimage::shell {
namespace {

std::vector<std::string> Texts(std::string_view text) {
  auto tokens = LexShell(text);
  EXPECT_TRUE(tokens.ok()) << (tokens.ok() ? "" : tokens.error().message);
  std::vector<std::string> out;
  if (!tokens.ok()) return out;
  for (const auto& token : *tokens) out.push_back(token.kind == TokenKind::kNewline ? "\\n" : std::string(token.text));
  return out;
}

using Strings = std::vector<std::string>;

TEST(LexShell, OperatorsAndWords) {
  EXPECT_EQ(Texts("a&&b||c;d|e&f"), (Strings{"a", "&&", "b", "||", "c", ";", "d", "|", "e", "&", "f"}));
  EXPECT_EQ(Texts("(a) ;; x"), (Strings{"(", "a", ")", ";;", "x"}));
  EXPECT_EQ(Texts("echo 'a && b' \"c | d\" e\\;f"), (Strings{"echo", "'a && b'", "\"c | d\"", "e\\;f"}));
  EXPECT_EQ(Texts("x=$(a | b) `c;d` ${e:-;}"), (Strings{"x=$(a | b)", "`c;d`", "${e:-;}"}));
}

TEST(LexShell, ContinuationsCommentsNewlines) {
  EXPECT_EQ(Texts("apt-get update \\\n  && apt-get install x # comment && rm\nls"),
            (Strings{"apt-get", "update", "&&", "apt-get", "install", "x", "\\n", "ls"}));
  EXPECT_EQ(Texts("a#b"), Strings{"a#b"});  // # inside a word is not a comment
}

TEST(LexShell, RedirectionsWithFileDescriptors) {
  auto tokens = LexShell("cmd 2>&1 >/dev/null 12>x");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 7u);
  EXPECT_EQ((*tokens)[1].text, ">&");
  EXPECT_EQ((*tokens)[1].io_number, 2);
  EXPECT_EQ((*tokens)[2].text, "1");
  EXPECT_EQ((*tokens)[3].text, ">");
  EXPECT_EQ((*tokens)[3].io_number, -1);
  EXPECT_EQ((*tokens)[5].io_number, 12);
}

TEST(LexShell, HeredocBodyIsAttachedNotTokenised) {
  std::string text = "cat <<'EOF' > f && echo done\napt-get install x\nEOF\nls";
  auto tokens = LexShell(text);
  ASSERT_TRUE(tokens.ok());
  const Token& heredoc = (*tokens)[1];
  EXPECT_EQ(heredoc.text, "<<");
  EXPECT_EQ(text.substr(heredoc.heredoc_begin, heredoc.heredoc_end - heredoc.heredoc_begin), "apt-get install x\n");
  Strings texts;
  for (const auto& token : *tokens) texts.push_back(token.kind == TokenKind::kNewline ? "\\n" : std::string(token.text));
  EXPECT_EQ(texts, (Strings{"cat", "<<", "'EOF'", ">", "f", "&&", "echo", "done", "\\n", "ls"}));
}

TEST(LexShell, DashHeredocStripsTabsBeforeDelimiter) {
  std::string text = "cat <<-END\n\tbody\n\tEND\necho after";
  auto tokens = LexShell(text);
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(text.substr((*tokens)[1].heredoc_begin, (*tokens)[1].heredoc_end - (*tokens)[1].heredoc_begin), "\tbody\n");
  EXPECT_EQ(tokens->back().text, "after");
}

TEST(LexShell, UnterminatedQuotesAreErrors) {
  auto single = LexShell("echo 'abc");
  ASSERT_FALSE(single.ok());
  EXPECT_EQ(single.error().message, "unterminated single quote at offset 5");
  auto dbl = LexShell("echo \"abc");
  ASSERT_FALSE(dbl.ok());
  EXPECT_EQ(dbl.error().message, "unterminated double quote at offset 5");
  auto sub = LexShell("echo $(abc");
  ASSERT_FALSE(sub.ok());
  EXPECT_EQ(sub.error().message, "unterminated ${ or $( at offset 5");
  auto back = LexShell("echo `abc");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().message, "unterminated backquote at offset 5");
}

TEST(LexShell, HostileNestingIsCapped) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "$(";
  auto tokens = LexShell(text);
  ASSERT_FALSE(tokens.ok());
  EXPECT_EQ(tokens.error().message, "shell text nested more than 64 levels deep at offset 0");
}

}  // namespace
}  // namespace slimage::shell

namespace slimage::shell {
namespace {

TEST(LexShell, ContinuationRightAfterAWordEndsIt) {
  auto tokens = LexShell("then x; fi\\\n  && echo ok");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[3].text, "fi");
  EXPECT_EQ((*tokens)[4].text, "&&");
  // A continuation inside a word joins the two halves.
  auto joined = LexShell("apt-get ins\\\ntall");
  ASSERT_TRUE(joined.ok());
  ASSERT_EQ(joined->size(), 2u);
  EXPECT_EQ((*joined)[1].text, "ins\\\ntall");
}

}  // namespace
}  // namespace slimage::shell
