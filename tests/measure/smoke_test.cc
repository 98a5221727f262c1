#include "measure/smoke.h"

#include <gtest/gtest.h>

namespace slimage::measure {
namespace {

TEST(DefaultCommand, EntrypointThenCmdFromTheConfig) {
  EXPECT_EQ(DefaultCommand(R"({"config": {"Entrypoint": ["/app"], "Cmd": ["--serve", "8080"]}})"),
            (std::vector<std::string>{"/app", "--serve", "8080"}));
  EXPECT_EQ(DefaultCommand(R"({"config": {"Cmd": null}})"), std::vector<std::string>{});
  EXPECT_EQ(DefaultCommand("not json"), std::vector<std::string>{});
}

TEST(JudgeSmoke, SameExitCodePassesOtherOutputFailsOnlyWhenCompared) {
  const SmokeReference reference{true, 0, "42\n"};
  Step step;
  JudgeSmoke(RunOutcome{false, 0, "43\n", ""}, reference, false, 10, step);
  EXPECT_EQ(step.smoke, SmokeStatus::kPassed);
  JudgeSmoke(RunOutcome{false, 0, "43\n", ""}, reference, true, 10, step);
  EXPECT_EQ(step.smoke, SmokeStatus::kFailed);
  EXPECT_EQ(step.smoke_problem, "printed other output than step 0");
  Step exited;
  JudgeSmoke(RunOutcome{false, 77, "", ""}, reference, false, 10, exited);
  EXPECT_EQ(exited.smoke_problem, "exited 77, step 0 exited 0");
  EXPECT_EQ(exited.smoke_exit_code, 77);
  Step slow;
  JudgeSmoke(RunOutcome{true, 0, "", ""}, reference, false, 10, slow);
  EXPECT_EQ(slow.smoke, SmokeStatus::kFailed);
  EXPECT_EQ(slow.smoke_problem, "did not finish within 10 s");
  EXPECT_FALSE(slow.smoke_exit_code);
}

TEST(KeptOutput, TheLast4096Bytes) {
  EXPECT_EQ(KeptOutput(std::string(5000, 'a') + "end").size(), 4096u);
  EXPECT_TRUE(KeptOutput(std::string(5000, 'a') + "end").ends_with("end"));
}

}  // namespace
}  // namespace slimage::measure
