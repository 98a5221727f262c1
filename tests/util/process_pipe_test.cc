#include "util/process_pipe.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace slimage {
namespace {

std::string ReadAllFrom(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  return text;
}

TEST(ProcessPipe, StreamsStdoutAndKeepsStderrAndTheExitCode) {
  // 200 kB on stderr first: more than a pipe holds, so a pipe would block the program.
  auto child = ProcessPipe::Start({"sh", "-c", "head -c 200000 /dev/zero | tr '\\0' e >&2; echo out; exit 3"});
  ASSERT_TRUE(child) << child.error().message;
  EXPECT_EQ(ReadAllFrom(child->stdout_fd()), "out\n");
  auto finished = child->Finish();
  ASSERT_TRUE(finished) << finished.error().message;
  EXPECT_EQ(finished->exit_code, 3);
  EXPECT_EQ(finished->err.size(), 64u * 1024u);  // the last 64 kB
}

TEST(ProcessPipe, AMissingProgramIsAnError) {
  auto child = ProcessPipe::Start({"slimage-no-such-program"});
  ASSERT_FALSE(child);
  EXPECT_NE(child.error().message.find("slimage-no-such-program: cannot run it"), std::string::npos);
}

TEST(ProcessPipe, AReaderThatStopsEarlyEndsTheProgram) {
  auto child = ProcessPipe::Start({"yes"});
  ASSERT_TRUE(child);
  char buffer[16];
  ASSERT_GT(read(child->stdout_fd(), buffer, sizeof buffer), 0);
  auto finished = child->Finish();
  ASSERT_TRUE(finished);
  EXPECT_EQ(finished->exit_code, 128 + 13);  // SIGPIPE
}

}  // namespace
}  // namespace slimage
