// `docker save app | slimage analyze -`: the archive read from a pipe, in one pass.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

std::string RunShell(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, got);
  *status = ::pclose(pipe);
  return out;
}

TEST(AnalyzeStdinTest, APipedArchiveGivesTheFiguresOfTheFile) {
  std::string archive = SharedPath("images/dive/test-docker-image.tar");
  int status = 0;
  std::string piped = RunShell(std::string("cat '") + archive + "' | " + SLIMAGE_BINARY +
                              " analyze - --format json --fail-on none",
                          &status);
  ASSERT_EQ(status, 0) << piped;
  auto direct = RunCli({"analyze", archive, "--format", "json", "--fail-on", "none"});
  ASSERT_EQ(direct.exit_code, 0);
  auto a = nlohmann::json::parse(piped);
  auto b = nlohmann::json::parse(direct.out);
  EXPECT_EQ(a["image"]["source"], "-");
  a["image"].erase("source");
  b["image"].erase("source");
  EXPECT_EQ(a, b);
}

TEST(AnalyzeStdinTest, GarbageOnStdinIsOneLineAndExitTwo) {
  int status = 0;
  std::string out = RunShell(std::string("head -c 3000 /dev/zero | tr '\\\\0' x | ") + SLIMAGE_BINARY + " analyze - 2>&1", &status);
  EXPECT_EQ(WEXITSTATUS(status), 2) << out;
  EXPECT_EQ(out.rfind("slimage: -: ", 0), 0u) << out;
  EXPECT_EQ(out.find('\n'), out.size() - 1) << out;
}

}  // namespace
}  // namespace slimage::testing
