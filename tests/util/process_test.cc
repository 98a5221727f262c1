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

namespace slimage {
namespace {

TEST(RunProcessRequest, AddsEnvironmentVariablesAndStreamsTheOutput) {
  ProcessRequest request;
  request.argv = {"sh", "-c", "echo $SLIMAGE_TEST_VAR; echo two >&2"};
  request.env = {"SLIMAGE_TEST_VAR=hello"};
  std::string seen;
  request.on_output = [&](std::string_view chunk) { seen += chunk; };
  auto result = RunProcess(request);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->out, "hello\n");
  EXPECT_EQ(result->err, "two\n");
  EXPECT_NE(seen.find("hello\n"), std::string::npos);
  EXPECT_NE(seen.find("two\n"), std::string::npos);
}

TEST(RunProcessRequest, KeepTailKeepsTheLastBytesInsteadOfFailing) {
  ProcessRequest request;
  request.argv = {"sh", "-c", "seq 1 100000; echo last"};
  request.limits.max_output_bytes = 1000;
  request.limits.keep_tail = true;
  auto result = RunProcess(request);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_LE(result->out.size(), 1000u + 16384u);
  EXPECT_TRUE(result->out.ends_with("100000\nlast\n"));
}

}  // namespace
}  // namespace slimage
