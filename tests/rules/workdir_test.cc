#include "rules/workdir.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/command_list.h"

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

TEST(WorkdirTest, WorkdirOrRootIsRootOnlyWithoutAnyWorkdir) {
  auto parsed = ParseText("FROM debian:12\nCOPY a ./\nARG DIR\nWORKDIR $DIR\nRUN true\nWORKDIR /srv\nWORKDIR app\n"
                          "FROM debian:12\nWORKDIR rel\nRUN true\n");
  const dockerfile::BuildModel& model = parsed->model.model;
  ASSERT_EQ(model.stages.size(), 2u);
  const dockerfile::Stage& stage = model.stages[0];
  EXPECT_EQ(WorkdirOrRootBefore(model, stage, 0), "/");            // no WORKDIR: Docker's default
  EXPECT_EQ(WorkdirOrRootBefore(model, stage, 4), std::nullopt);   // $DIR has no value
  EXPECT_EQ(WorkdirOrRootBefore(model, stage, 6), "/srv/app");
  // Relative to the base image's WORKDIR, which is not known.
  EXPECT_EQ(WorkdirOrRootBefore(model, model.stages[1], 1), std::nullopt);
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

// The directory of each command of `run` (a shell-form RUN text) that starts in `workdir`, as
// "path" or "?" (unknown) with "+" when a cd moved it.
std::vector<std::string> Directories(std::string_view run, std::optional<std::string> workdir) {
  auto script = shell::ParseRunScript(run, shell::Environment{});
  EXPECT_TRUE(script.ok());
  std::vector<std::string> out;
  if (!script) return out;
  for (const CommandDirectory& directory : DirectoriesOf(*script, std::move(workdir))) {
    out.push_back(directory.path.value_or("?") + (directory.moved ? "+" : ""));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(WorkdirTest, CdMovesTheLaterCommandsOfItsShell) {
  EXPECT_EQ(Directories("cd /srv/app && chown -R app . && cd bin; cd ..; cd -; ls", "/w"),
            (Strings{"/w", "/srv/app+", "/srv/app+", "/srv/app/bin+", "/srv/app+", "/srv/app/bin+"}));
  EXPECT_EQ(Directories("cd app && ls", std::nullopt), (Strings{"?", "?+"}));
  EXPECT_EQ(Directories("cd /abs && ls", std::nullopt), (Strings{"?", "/abs+"}));
  EXPECT_EQ(Directories("pushd /a && pushd /b && popd && ls", "/w"), (Strings{"/w", "/a+", "/b+", "/a+"}));
}

TEST(WorkdirTest, CdInASubshellPipelineOrShDoesNotLeaveIt) {
  EXPECT_EQ(Directories("(cd /a && ls) && ls", "/w"), (Strings{"/w", "/a+", "/w"}));
  EXPECT_EQ(Directories("( (cd /a) ; ls ) ; ls", "/w"), (Strings{"/w", "/w", "/w"}));
  EXPECT_EQ(Directories("cd /a | cat; ls", "/w"), (Strings{"/w", "/w", "/w"}));
  EXPECT_EQ(Directories("cd /a & ls", "/w"), (Strings{"/w", "/w"}));
  EXPECT_EQ(Directories("sh -c 'cd /a && ls' && ls", "/w"), (Strings{"/w", "/w", "/a+", "/w"}));
  EXPECT_EQ(Directories("cd /a && sh -c 'ls'", "/w"), (Strings{"/w", "/a+", "/a+"}));
}

TEST(WorkdirTest, CdToSomewhereUnknownOrMaybeMakesItUnknown) {
  EXPECT_EQ(Directories("cd \"$APP\" && ls", "/w"), (Strings{"/w", "?+"}));
  EXPECT_EQ(Directories("cd && ls", "/w"), (Strings{"/w", "?+"}));
  EXPECT_EQ(Directories("cd ~/x && ls", "/w"), (Strings{"/w", "?+"}));
  EXPECT_EQ(Directories("cd $(dirname x) && ls", "/w"), (Strings{"/w", "?+"}));
  EXPECT_EQ(Directories("test -d /a || cd /b; ls", "/w"), (Strings{"/w", "/w", "?+"}));
  EXPECT_EQ(Directories("if true; then cd /a; fi; ls", "/w"), (Strings{"/w", "/w", "?+"}));
  EXPECT_EQ(Directories("cd \"$APP\"; cd /known; ls", "/w"), (Strings{"/w", "?+", "/known+"}));
}

TEST(WorkdirTest, ResolveAtKeepsARelativePathOnlyWhenNoCdMoved) {
  EXPECT_EQ(ResolveAt({"/srv", true}, "app/x"), "/srv/app/x");
  EXPECT_EQ(ResolveAt({std::nullopt, false}, "app/x"), "app/x");  // the unknown WORKDIR, as a COPY there
  EXPECT_EQ(ResolveAt({std::nullopt, true}, "app/x"), std::nullopt);
  EXPECT_EQ(ResolveAt({std::nullopt, true}, "/abs"), "/abs");
}

}  // namespace
}  // namespace slimage::rules
