#include "shell/parser.h"

#include <gtest/gtest.h>

namespace slimage::shell {
namespace {

TEST(ParseShell, ListOfPipelinesWithConnectors) {
  auto ast = ParseShell("a && b | c || d; e &\nf");
  ASSERT_TRUE(ast.ok()) << ast.error().message;
  const auto& pipelines = ast->root.pipelines;
  ASSERT_EQ(pipelines.size(), 5u);
  EXPECT_EQ(pipelines[0].next, Connector::kAnd);
  EXPECT_EQ(pipelines[1].commands.size(), 2u);
  EXPECT_EQ(pipelines[1].next, Connector::kOr);
  EXPECT_EQ(pipelines[2].next, Connector::kSequence);
  EXPECT_EQ(pipelines[3].next, Connector::kBackground);
  EXPECT_EQ(pipelines[4].next, Connector::kEnd);
}

TEST(ParseShell, CompoundCommands) {
  auto ast = ParseShell(
      "if [ -f x ]; then a; elif b; then c; else d; fi\n"
      "for p in a b; do e $p; done\n"
      "while read l; do f; done < list\n"
      "case $x in a|b) g;; *) h;; esac\n"
      "(cd /x && i) ; { j; k; }\n"
      "fn() { l; }");
  ASSERT_TRUE(ast.ok()) << ast.error().message;
  const auto& p = ast->root.pipelines;
  ASSERT_EQ(p.size(), 7u);
  const AstCommand& if_command = p[0].commands[0];
  EXPECT_EQ(if_command.kind, CommandKind::kIf);
  ASSERT_EQ(if_command.bodies.size(), 5u);  // cond, then, elif-cond, elif-then, else
  EXPECT_EQ(if_command.body_is_condition, (std::vector<bool>{true, false, true, false, false}));
  EXPECT_EQ(p[1].commands[0].kind, CommandKind::kFor);
  EXPECT_EQ(p[1].commands[0].words.size(), 3u);  // p a b
  EXPECT_EQ(p[2].commands[0].kind, CommandKind::kWhile);
  EXPECT_EQ(p[2].commands[0].redirects.size(), 1u);
  EXPECT_EQ(p[3].commands[0].kind, CommandKind::kCase);
  EXPECT_EQ(p[3].commands[0].bodies.size(), 2u);
  EXPECT_EQ(p[4].commands[0].kind, CommandKind::kSubshell);
  EXPECT_EQ(p[5].commands[0].kind, CommandKind::kGroup);
  EXPECT_EQ(p[6].commands[0].kind, CommandKind::kFunction);
}

TEST(ParseShell, SyntaxErrorsNameTheOffset) {
  auto missing_fi = ParseShell("if true; then a");
  ASSERT_FALSE(missing_fi.ok());
  EXPECT_EQ(missing_fi.error().message, "unexpected end of shell text, expected 'fi'");
  auto stray = ParseShell("a && ) b");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.error().message, "unexpected ')' at offset 5, expected a command");
  auto dangling = ParseShell("a &&");
  ASSERT_FALSE(dangling.ok());
  EXPECT_EQ(dangling.error().message, "unexpected end of shell text, expected a command");
  auto group = ParseShell("{ a }");
  ASSERT_FALSE(group.ok());
  EXPECT_EQ(group.error().message, "unexpected end of shell text, expected '}'");
}

TEST(ParseShell, DeepSubshellNestingIsCappedNotACrash) {
  std::string text(50000, '(');
  text += "a";
  text += std::string(50000, ')');
  auto ast = ParseShell(text);
  ASSERT_FALSE(ast.ok());
  EXPECT_EQ(ast.error().message, "shell commands nested more than 64 levels deep");

  std::string fine(60, '(');
  fine += "a" + std::string(60, ')');
  EXPECT_TRUE(ParseShell(fine).ok());
}

TEST(ParseShell, ReservedWordsOnlyInCommandPosition) {
  auto ast = ParseShell("echo if then fi done");
  ASSERT_TRUE(ast.ok());
  ASSERT_EQ(ast->root.pipelines.size(), 1u);
  EXPECT_EQ(ast->root.pipelines[0].commands[0].words.size(), 5u);
}

}  // namespace
}  // namespace slimage::shell
