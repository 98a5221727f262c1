#include "util/process.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

TEST(RunProcess, FeedsStdinAndCapturesBothStreamsAndTheExitCode) {
  auto result = RunProcess({"sh", "-c", "cat; echo oops >&2; exit 7"}, "hello\nworld");
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->out, "hello\nworld");
  EXPECT_EQ(result->err, "oops\n");
  EXPECT_EQ(result->exit_code, 7);
}

TEST(RunProcess, AProgramThatIgnoresALargeInputDoesNotHangOrKillUs) {
  const std::string big(4u << 20, 'x');  // more than a pipe holds
  auto result = RunProcess({"true"}, big);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->exit_code, 0);
}

TEST(RunProcess, AMissingProgramIsAnErrorNamingIt) {
  auto result = RunProcess({"docker-credential-no-such-helper", "get"}, "");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "docker-credential-no-such-helper: cannot run it: No such file or directory");
}

TEST(RunProcess, StopsAProgramThatTakesTooLong) {
  auto result = RunProcess({"sleep", "30"}, "", ProcessLimits{1, 1024});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "sleep: no answer within 1 s; stopped");
}

TEST(RunProcess, StopsAProgramThatPrintsTooMuch) {
  auto result = RunProcess({"yes"}, "", ProcessLimits{30, 100000});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "yes: printed more than 100000 bytes; stopped");
}

}  // namespace
}  // namespace slimage
