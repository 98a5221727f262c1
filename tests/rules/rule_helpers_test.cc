#include "rules/rule_helpers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/parsed_dockerfile.h"
#include "rules/run_scan.h"

namespace slimage::rules {
namespace {

using testing::ParseText;

TEST(RuleHelpersTest, RootStageFollowsTheFromChain) {
  auto parsed = ParseText("FROM golang:1.22 AS a\nFROM a AS b\nFROM b\nFROM alpine:3.20 AS other\n");
  const dockerfile::BuildModel& model = parsed->model.model;
  ASSERT_EQ(model.stages.size(), 4u);
  EXPECT_EQ(RootStage(model, model.stages[2]).index, 0);
  EXPECT_EQ(RootStage(model, model.stages[3]).index, 3);
  ASSERT_NE(TargetStage(model), nullptr);
  EXPECT_EQ(TargetStage(model)->index, 3);
}

TEST(RuleHelpersTest, KnowsWhichImagesHaveNoShell) {
  EXPECT_TRUE(ImageHasNoShell(dockerfile::ParseImageRef("scratch")));
  EXPECT_TRUE(ImageHasNoShell(dockerfile::ParseImageRef("gcr.io/distroless/static-debian12")));
  EXPECT_TRUE(ImageHasNoShell(dockerfile::ParseImageRef("gcr.io/distroless/nodejs20-debian12:nonroot")));
  EXPECT_FALSE(ImageHasNoShell(dockerfile::ParseImageRef("gcr.io/distroless/static-debian12:debug")));
  EXPECT_FALSE(ImageHasNoShell(dockerfile::ParseImageRef("gcr.io/distroless/base:debug-nonroot")));
  EXPECT_FALSE(ImageHasNoShell(dockerfile::ParseImageRef("alpine:3.20")));
  EXPECT_FALSE(ImageHasNoShell(dockerfile::ParseImageRef("example.com/distroless/static")));
}

TEST(RuleHelpersTest, AnalyzesShellExecHeredocAndOnbuildRuns) {
  auto parsed = ParseText(
      "FROM debian:12\n"
      "RUN apt-get install -y gcc\n"
      "RUN [\"apk\", \"add\", \"make\"]\n"
      "RUN <<EOF\n"
      "pip install flask\n"
      "EOF\n"
      "ONBUILD RUN npm ci\n"
      "RUN echo \"apt-get install vim\"\n"
      "RUN 'unterminated\n");
  ASSERT_TRUE(parsed->parse.ok());
  std::vector<RunView> runs = CollectRuns(parsed->model.model);
  ASSERT_EQ(runs.size(), 5u);  // the unterminated quote does not parse and is left out
  ASSERT_EQ(runs[0].scripts.at(0).analysis.packages.size(), 1u);
  EXPECT_EQ(runs[0].scripts[0].analysis.packages[0].packages, std::vector<std::string>{"gcc"});
  EXPECT_EQ(runs[0].scripts[0].heredoc, nullptr);
  ASSERT_EQ(runs[1].scripts.at(0).analysis.packages.size(), 1u);
  EXPECT_EQ(runs[1].scripts[0].analysis.packages[0].tool, "apk");
  EXPECT_TRUE(runs[1].run->json_form);
  ASSERT_EQ(runs[2].scripts.at(0).analysis.packages.size(), 1u);
  EXPECT_EQ(runs[2].scripts[0].analysis.packages[0].packages, std::vector<std::string>{"flask"});
  EXPECT_NE(runs[2].scripts[0].heredoc, nullptr);
  ASSERT_EQ(runs[3].scripts.at(0).analysis.packages.size(), 1u);
  EXPECT_EQ(runs[3].reported->position.line, 7);
  EXPECT_NE(runs[3].run, runs[3].reported);  // the ONBUILD trigger, reported at the ONBUILD
  EXPECT_TRUE(runs[4].scripts.at(0).analysis.packages.empty());
}

// A heredoc that a command reads (`python3 <<EOF`) is input, not the script: the RUN still parses.
TEST(RuleHelpersTest, RunReadingAHeredocIsAnalysed) {
  auto parsed = ParseText("FROM python:3.12\nRUN python3 <<EOF && pip install flask\nprint(1)\nEOF\n");
  std::vector<RunView> runs = CollectRuns(parsed->model.model);
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_EQ(runs[0].scripts.at(0).analysis.packages.size(), 1u);
  EXPECT_EQ(runs[0].scripts[0].analysis.packages[0].packages, std::vector<std::string>{"flask"});
}

TEST(RuleHelpersTest, FindingAtCommandPointsAtTheWord) {
  auto parsed = ParseText("FROM debian:12 AS base\nRUN set -eux; \\\n    apt-get install -y gcc\n");
  std::vector<RunView> runs = CollectRuns(parsed->model.model);
  ASSERT_EQ(runs.size(), 1u);
  static constexpr RuleInfo kInfo{"SL999", Severity::kInfo, "t", "e", "b", "g", true, ""};
  const shell::ShellCommand& install = runs[0].Command(CommandRef{0, 1});
  Finding finding = runs[0].MakeFinding(kInfo, kInfo.severity, CommandRef{0, 1}, "found");
  EXPECT_EQ(finding.rule, "SL999");
  EXPECT_EQ(finding.severity, Severity::kInfo);
  EXPECT_EQ(finding.line, 3);
  EXPECT_EQ(finding.column, 5);
  EXPECT_EQ(finding.end_line, 3);
  EXPECT_EQ(finding.stage, "base");
  EXPECT_EQ(finding.message, "found");
  EXPECT_TRUE(finding.fixable);
  EXPECT_EQ(CommandSummary(install), "apt-get install -y gcc");
}

TEST(RuleHelpersTest, CommandSummaryIsOneShortLine) {
  auto summary = [](std::vector<std::string> args) {
    shell::ShellCommand command;
    for (std::string& arg : args) {
      shell::Word word;
      word.value = std::move(arg);
      command.argv.push_back(std::move(word));
    }
    return CommandSummary(command);
  };
  EXPECT_EQ(summary({"printf", "a\nb\tc"}), "printf a b c");
  // Over 80 bytes: after the last whole word, or inside one too long to keep half the text.
  EXPECT_EQ(summary({"rm", "-rf", std::string(40, 'a'), std::string(40, 'b')}), "rm -rf " + std::string(40, 'a') + " …");
  EXPECT_EQ(summary({"rm", std::string(100, 'c')}), "rm " + std::string(77, 'c') + "…");
  // Never inside a UTF-8 sequence: "é" is two bytes, and byte 80 is the second of one.
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "é";
  EXPECT_EQ(summary({"rm", accents}), "rm " + accents.substr(0, 76) + "…");
}

TEST(RuleHelpersTest, StageHasShellUnlessItsBaseHasNoneAndNothingAddsOne) {
  auto parsed = ParseText(
      "FROM scratch AS app\nCOPY app /app\n"
      "FROM app AS debug\nCOPY --from=busybox:musl /bin/ /bin/\n"
      "FROM gcr.io/distroless/static AS d\n"
      "FROM ubuntu:24.04\n");
  const dockerfile::BuildModel& model = parsed->model.model;
  ASSERT_EQ(model.stages.size(), 4u);
  EXPECT_FALSE(StageHasShell(model, model.stages[0]));
  EXPECT_TRUE(StageHasShell(model, model.stages[1]));
  EXPECT_FALSE(StageHasShell(model, model.stages[2]));
  EXPECT_TRUE(StageHasShell(model, model.stages[3]));
}

}  // namespace
}  // namespace slimage::rules
