#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(CliApp, VersionPrintsOurVersionAndLibraries) {
  CliResult result = RunCli({"version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind(std::string("slimage ") + SLIMAGE_VERSION + " (", 0), 0u) << result.out;
  // Both are loaded at run time: a version line (not a load error) shows they can be.
  EXPECT_NE(result.out.find("\n  libarchive 3."), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\n  libcurl 7."), std::string::npos) << result.out;
  EXPECT_EQ(result.err, "");
}

TEST(CliApp, UnknownSubcommandIsUsageErrorExit2) {
  CliResult result = RunCli({"frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("slimage: "), std::string::npos);
}

// Issue 16 item 5: CLI11's own messages quote the argument; it is escaped like every error line.
TEST(CliApp, UsageErrorsQuoteArgumentsEscaped) {
  CliResult result = RunCli({"lint", "--format", "x\x1b[31m\n"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("x\\x1b[31m\\n"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
}

TEST(CliApp, NoSubcommandIsUsageErrorExit2) {
  CliResult result = RunCli({});
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
}  // namespace slimage::testing
