#include "shell/word_expander.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_cli.h"

namespace slimage::shell {
namespace {

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::string TrimSpaces(std::string_view text) {
  size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(' ');
  return std::string(text.substr(begin, end - begin + 1));
}

std::string TrimLeadingSpaces(std::string_view text) {
  size_t begin = text.find_first_not_of(' ');
  return begin == std::string_view::npos ? "" : std::string(text.substr(begin));
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) out += (i ? "," : "") + words[i];
  return out;
}

// envVarTest: `PLATFORM | input | expected`, A and U lines, through ExpandWord.
TEST(WordExpanderConformance, EnvVarTest) {
  auto lines = ReadLines(testing::SharedPath("corpus/buildkit-shell/envVarTest"));
  ASSERT_GT(lines.size(), 100u) << "corpus missing";
  Environment env;
  env.Set("PWD", "/home");
  env.Set("SHELL", "bash");
  env.Set("KOREAN", "한국어");
  env.Set("NULL", "");
  int checked = 0;
  std::string mismatches;
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.empty() || line[0] == '#') continue;
    size_t first = line.find('|');
    size_t second = line.find('|', first + 1);
    ASSERT_NE(second, std::string::npos) << "line " << n + 1;
    std::string platform = TrimSpaces(std::string_view(line).substr(0, first));
    if (platform != "A" && platform != "U") continue;
    std::string input = TrimSpaces(std::string_view(line).substr(first + 1, second - first - 1));
    std::string expected = TrimSpaces(std::string_view(line).substr(second + 1));
    auto result = ExpandWord(input, env);
    std::string got = result.ok() ? *result : "error";
    if (got != expected) {
      mismatches += "line " + std::to_string(n + 1) + ": " + input + " -> [" + got +
                    "], expected [" + expected + "]\n";
    }
    ++checked;
  }
  EXPECT_EQ(mismatches, "");
  EXPECT_EQ(checked, 228);  // every A and U line of the file
}

// wordsTest: `ENV name=value` lines extend the environment; `input | w1,w2` through ExpandWords.
TEST(WordExpanderConformance, WordsTest) {
  auto lines = ReadLines(testing::SharedPath("corpus/buildkit-shell/wordsTest"));
  ASSERT_GT(lines.size(), 10u) << "corpus missing";
  Environment env;
  int checked = 0;
  std::string mismatches;
  for (size_t n = 0; n < lines.size(); ++n) {
    const std::string& line = lines[n];
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("ENV ", 0) == 0) {
      std::string assignment = TrimLeadingSpaces(std::string_view(line).substr(4));
      size_t eq = assignment.find('=');
      ASSERT_NE(eq, std::string::npos) << "line " << n + 1;
      env.Set(assignment.substr(0, eq), assignment.substr(eq + 1));
      continue;
    }
    size_t bar = line.find('|');
    ASSERT_NE(bar, std::string::npos) << "line " << n + 1;
    std::string input = TrimSpaces(std::string_view(line).substr(0, bar));
    std::string expected = TrimLeadingSpaces(std::string_view(line).substr(bar + 1));
    auto result = ExpandWords(input, env);
    std::string got = result.ok() ? Join(*result) : "error";
    if (got != expected) {
      mismatches += "line " + std::to_string(n + 1) + ": " + input + " -> [" + got +
                    "], expected [" + expected + "]\n";
    }
    ++checked;
  }
  EXPECT_EQ(mismatches, "");
  EXPECT_EQ(checked, 24);
}

std::string ErrorOf(std::string_view word, const Environment& env = {}) {
  auto result = ExpandWord(word, env);
  return result.ok() ? "no error: " + *result : result.error().message;
}

TEST(WordExpanderErrors, ExactMessages) {
  Environment env;
  env.Set("EMPTY", "");
  EXPECT_EQ(ErrorOf("\"abc"), "unexpected end of statement while looking for matching double-quote");
  EXPECT_EQ(ErrorOf("'abc"), "unexpected end of statement while looking for matching single-quote");
  EXPECT_EQ(ErrorOf("${abc"), "unexpected end of statement while looking for matching }");
  EXPECT_EQ(ErrorOf("${abc:-x"), "unexpected end of statement while looking for matching }");
  EXPECT_EQ(ErrorOf("${abc:"), "unexpected end of statement while looking for matching }");
  EXPECT_EQ(ErrorOf("${}"), "bad substitution: missing variable name after '${'");
  EXPECT_EQ(ErrorOf("${.}"), "bad substitution: missing variable name after '${'");
  EXPECT_EQ(ErrorOf("${X:=1}"), "bad substitution: unsupported modifier ':=' in ${X}");
  EXPECT_EQ(ErrorOf("${X%.*}"), "bad substitution: unsupported modifier '%' in ${X}");
  EXPECT_EQ(ErrorOf("${X?}"), "X: is not allowed to be unset");
  EXPECT_EQ(ErrorOf("${X:?}"), "X: is not allowed to be unset");
  EXPECT_EQ(ErrorOf("${EMPTY:?}", env), "EMPTY: is not allowed to be empty");
  EXPECT_EQ(ErrorOf("${X:?set X to the base image}"), "X: set X to the base image");
}

TEST(WordExpanderErrors, DeepNestingIsAnErrorNotACrash) {
  std::string word;
  for (int i = 0; i < 100000; ++i) word += "${A:-";
  word += "x";
  for (int i = 0; i < 100000; ++i) word += "}";
  EXPECT_EQ(ErrorOf(word), "variable substitution nested more than 64 levels deep");

  std::string shallow;
  for (int i = 0; i < 64; ++i) shallow += "${A:-";
  shallow += "x";
  for (int i = 0; i < 64; ++i) shallow += "}";
  auto result = ExpandWord(shallow, {});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, "x");
}

TEST(WordExpanderErrors, HugeExpansionIsAnError) {
  Environment env;
  env.Set("BIG", std::string(1 << 20, 'x'));
  std::string word;
  for (int i = 0; i < 17; ++i) word += "$BIG";
  EXPECT_EQ(ErrorOf(word, env), "variable expansion produces more than 16777216 bytes");
  auto words = ExpandWords(word, env);
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.error().message, "variable expansion produces more than 16777216 bytes");
  auto sixteen = ExpandWord(word.substr(4), env);  // 16 MiB exactly is allowed
  ASSERT_TRUE(sixteen.ok());
  EXPECT_EQ(sixteen->size(), 16u << 20);
}

TEST(WordExpanderEscape, BacktickEscape) {
  Environment env;
  env.Set("DIR", "app");
  // With `# escape=`` the backslash is an ordinary character (Windows paths).
  auto path = ExpandWord("C:\\$DIR\\bin", env, '`');
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, "C:\\app\\bin");
  auto escaped = ExpandWord("`$DIR``x`", env, '`');
  ASSERT_TRUE(escaped.ok());
  EXPECT_EQ(*escaped, "$DIR`x");
  auto quoted = ExpandWord("\"a`\"b`$DIR\\n\"", env, '`');
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(*quoted, "a\"b$DIR\\n");
  auto words = ExpandWords("a` b c\\ d", env, '`');
  ASSERT_TRUE(words.ok());
  EXPECT_EQ(*words, (std::vector<std::string>{"a b", "c\\", "d"}));
}

TEST(WordExpanderInfo, TracksUnsetVariablesOnce) {
  Environment env;
  env.Set("SET", "1");
  env.Set("EMPTY", "");
  ExpansionInfo info;
  auto result = ExpandWord("$SET$BASE:${TAG}${BASE}$EMPTY${WITH_DEFAULT:-d}${PLUS:+p}$1$@", env,
                           '\\', &info);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "1:d");
  // A default or an alternative means the author expected it unset; positional and special
  // parameters are never Dockerfile variables.
  EXPECT_EQ(info.unset_variables, (std::vector<std::string>{"BASE", "TAG"}));
}

TEST(WordExpanderInfo, OnlyWordsThatAreUsedCount) {
  Environment env;
  env.Set("SET", "1");
  ExpansionInfo info;
  auto result = ExpandWord("${SET:-$A}${NOPE:-$B}${SET:+$C}${NOPE:+$D}${NOPE:-${SET:-$E}}", env, '\\', &info);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "11");
  EXPECT_EQ(info.unset_variables, (std::vector<std::string>{"B", "C"}));
}

TEST(WordExpanderInfo, QuotedOrEscapedReferencesAreNotTracked) {
  ExpansionInfo info;
  auto result = ExpandWord("'$A'\\$B\"$C\"", {}, '\\', &info);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "$A$B");
  EXPECT_EQ(info.unset_variables, (std::vector<std::string>{"C"}));
}

TEST(WordExpanderWords, EmptyQuotesMakeAnEmptyWord) {
  auto words = ExpandWords("a \"\" ''b", {});
  ASSERT_TRUE(words.ok());
  EXPECT_EQ(*words, (std::vector<std::string>{"a", "", "b"}));
}

TEST(WordExpanderWords, UnsetVariableAloneMakesNoWord) {
  auto words = ExpandWords("a $NOPE b", {});
  ASSERT_TRUE(words.ok());
  EXPECT_EQ(*words, (std::vector<std::string>{"a", "b"}));
}

TEST(EnvironmentTest, LaterDeclarationWins) {
  Environment env;
  env.Set("A", "1");
  env.Set("B", "2");
  env.Set("A", "3");
  EXPECT_EQ(env.Find("A").value_or("none"), "3");
  EXPECT_EQ(env.Find("B").value_or("none"), "2");
  EXPECT_FALSE(env.Find("C").has_value());
  EXPECT_EQ(env.entries().size(), 3u);
}

}  // namespace
}  // namespace slimage::shell
