#include "shell/run_analysis.h"

#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::CommandLines;
using testing::Strings;

TEST(AnalyzeRun, TypicalDebianRun) {
  Environment env;
  env.Set("PKGS", "git vim");
  std::string text =
      "set -eux; \\\n"
      "    apt-get update \\\n"
      " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates $PKGS \\\n"
      " && curl -fsSLo /tmp/t.tgz https://e.com/t.tgz \\\n"
      " && tar -xzf /tmp/t.tgz -C /usr/local \\\n"
      " && rm -rf /var/lib/apt/lists/* /tmp/t.tgz";
  RunAnalysis analysis = Analyze(text, env);
  EXPECT_TRUE(analysis.script.options.errexit);
  ASSERT_EQ(analysis.packages.size(), 2u);
  EXPECT_EQ(analysis.packages[1].packages, (Strings{"ca-certificates", "git", "vim"}));
  ASSERT_EQ(analysis.downloads.size(), 1u);
  EXPECT_EQ(analysis.downloads[0].output_path, "/tmp/t.tgz");
  ASSERT_EQ(analysis.extractions.size(), 1u);
  EXPECT_EQ(analysis.extractions[0].archive, "/tmp/t.tgz");
  ASSERT_EQ(analysis.files.size(), 1u);
  EXPECT_EQ(analysis.files[0].paths, (Strings{"/var/lib/apt/lists/*", "/tmp/t.tgz"}));
  const ShellCommand& rm = analysis.script.commands[analysis.files[0].command_index];
  EXPECT_EQ(text.substr(rm.begin, rm.end - rm.begin), "rm -rf /var/lib/apt/lists/* /tmp/t.tgz");
}

TEST(AnalyzeRun, ExecForm) {
  RunAnalysis analysis = AnalyzeExecForm({"apk", "add", "--no-cache", "curl"}, {});
  ASSERT_EQ(analysis.packages.size(), 1u);
  EXPECT_EQ(analysis.packages[0].packages, Strings{"curl"});
  EXPECT_TRUE(analysis.packages[0].HasOption({"--no-cache"}));
  EXPECT_TRUE(AnalyzeExecForm({}, {}).script.commands.empty());
}

TEST(AnalyzeRun, HostileInputGivesErrorsNotCrashes) {
  auto quote = AnalyzeRun("apt-get install \"x", {});
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.error().message, "unterminated double quote at offset 16");
  auto big = AnalyzeRun(std::string(kMaxShellTextBytes + 1, 'a'), {});
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().message, "shell text is 1048577 bytes, more than the 1048576 this analysis reads");
  std::string groups;
  for (int i = 0; i < 1000; ++i) groups += "{ ";
  auto deep = AnalyzeRun(groups, {});
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().message, "shell commands nested more than 64 levels deep");
}

TEST(AnalyzeRun, ManyAssignmentsStayFast) {
  // Distinct names, each read back: a linear scope would make this quadratic.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "A" + std::to_string(i) + "=v" + std::to_string(i) + ";echo $A" + std::to_string(i) + ";";
  text += "echo $A5 $A4095 $A4096 $A19999";
  RunAnalysis analysis = Analyze(text);
  ASSERT_EQ(analysis.script.commands.size(), 40001u);
  EXPECT_EQ(CommandLines(analysis.script)[11], "echo v5");
  // Past the scope's cap (4096 names) new names read as unknown: never a wrong value,
  // never silently empty.
  EXPECT_EQ(CommandLines(analysis.script).back(), "echo v5 v4095 $A4096 $A19999");
}

TEST(AnalyzeRun, ExpansionBudgetKeepsMemoryBounded) {
  Environment env;
  env.Set("BIG", std::string(4 << 20, 'x'));
  std::string text = "echo";
  for (int i = 0; i < 6; ++i) text += " \"$BIG\"";
  RunAnalysis analysis = Analyze(text, env);
  ASSERT_EQ(analysis.script.commands.size(), 1u);
  const auto& argv = analysis.script.commands[0].argv;
  ASSERT_EQ(argv.size(), 7u);
  EXPECT_EQ(argv[4].value.size(), 4u << 20);  // 16 MiB substituted in all
  EXPECT_EQ(argv[5].value, "$BIG");           // then the budget is spent: unknown, kept as text
  EXPECT_FALSE(argv[5].known());
}

}  // namespace
}  // namespace slimage::shell
