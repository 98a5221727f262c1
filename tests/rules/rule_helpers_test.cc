#include "rules/rule_helpers.h"

#include <gtest/gtest.h>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"

namespace slimage::rules {
namespace {

struct Parsed {
  dockerfile::ParseResult parse;
  dockerfile::ModelResult model;
};

std::unique_ptr<Parsed> ParseText(std::string_view text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->parse = dockerfile::Parse(text);
  parsed->model = dockerfile::BuildStages(parsed->parse);
  return parsed;
}

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
  std::vector<AnalyzedRun> runs = AnalyzeRuns(parsed->model.model.stages[0]);
  ASSERT_EQ(runs.size(), 5u);  // the unterminated quote does not parse and is left out
  ASSERT_EQ(runs[0].analysis.packages.size(), 1u);
  EXPECT_EQ(runs[0].analysis.packages[0].packages, std::vector<std::string>{"gcc"});
  EXPECT_TRUE(runs[0].offsets_map_to_command);
  ASSERT_EQ(runs[1].analysis.packages.size(), 1u);
  EXPECT_EQ(runs[1].analysis.packages[0].tool, "apk");
  EXPECT_FALSE(runs[1].offsets_map_to_command);
  ASSERT_EQ(runs[2].analysis.packages.size(), 1u);
  EXPECT_EQ(runs[2].analysis.packages[0].packages, std::vector<std::string>{"flask"});
  EXPECT_FALSE(runs[2].offsets_map_to_command);
  ASSERT_EQ(runs[3].analysis.packages.size(), 1u);
  EXPECT_EQ(runs[3].instruction->position.line, 7);
  EXPECT_TRUE(runs[4].analysis.packages.empty());
}

TEST(RuleHelpersTest, FindingAtCommandPointsAtTheWord) {
  auto parsed = ParseText("FROM debian:12 AS base\nRUN set -eux; \\\n    apt-get install -y gcc\n");
  std::vector<AnalyzedRun> runs = AnalyzeRuns(parsed->model.model.stages[0]);
  ASSERT_EQ(runs.size(), 1u);
  static constexpr RuleInfo kInfo{"SL999", Severity::kInfo, "t", "e", "b", "g", true, ""};
  const shell::ShellCommand& install = runs[0].analysis.script.commands.at(1);
  Finding finding = MakeFindingAtCommand(kInfo, runs[0], install, "found");
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
