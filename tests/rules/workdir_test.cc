#include "rules/workdir.h"

#include <gtest/gtest.h>

#include <memory>

#include "support/parsed_dockerfile.h"

namespace slimage::rules {
namespace {

using testing::ParseText;

TEST(WorkdirTest, ResolvePathCleansLikeGoPathJoin) {
  EXPECT_EQ(ResolvePath("/src", "."), "/src");
  EXPECT_EQ(ResolvePath("/src", "./"), "/src");
  EXPECT_EQ(ResolvePath("/src", "app/"), "/src/app");
  EXPECT_EQ(ResolvePath("/src/", "../etc//x"), "/etc/x");
  EXPECT_EQ(ResolvePath("/", "../.."), "/");
  EXPECT_EQ(ResolvePath("/src", "/abs/./p"), "/abs/p");
}

TEST(WorkdirTest, RelativeWorkdirsJoinTheEarlierOne) {
  auto parsed = ParseText("FROM debian:12\nENV BASE=/srv\nWORKDIR $BASE\nWORKDIR app\nWORKDIR ./bin\nRUN true\n");
  const dockerfile::Stage& stage = parsed->model.model.stages.at(0);
  EXPECT_EQ(WorkdirBefore(parsed->model.model, stage, 0), std::nullopt);  // the image's, unknown
  EXPECT_EQ(WorkdirBefore(parsed->model.model, stage, 2), "/srv");
  EXPECT_EQ(WorkdirBefore(parsed->model.model, stage, 4), "/srv/app/bin");
}

TEST(WorkdirTest, AStageBuiltFromAStageStartsInItsWorkdir) {
  auto parsed = ParseText("FROM debian:12 AS base\nWORKDIR /app\nFROM base\nWORKDIR sub\nRUN true\n");
  const dockerfile::BuildModel& model = parsed->model.model;
  ASSERT_EQ(model.stages.size(), 2u);
  EXPECT_EQ(WorkdirBefore(model, model.stages[1], 0), "/app");
  EXPECT_EQ(WorkdirBefore(model, model.stages[1], 1), "/app/sub");
}

TEST(WorkdirTest, AVariableWithNoValueMakesItUnknown) {
  auto parsed = ParseText("FROM debian:12\nARG DIR\nWORKDIR $DIR/src\nRUN true\n");
  const dockerfile::Stage& stage = parsed->model.model.stages.at(0);
  EXPECT_EQ(WorkdirBefore(parsed->model.model, stage, 2), std::nullopt);
}

}  // namespace
}  // namespace slimage::rules
