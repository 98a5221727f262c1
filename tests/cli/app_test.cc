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

TEST(CliApp, NoSubcommandIsUsageErrorExit2) {
  CliResult result = RunCli({});
  EXPECT_EQ(result.exit_code, 2);
}

}  // namespace
}  // namespace slimage::testing
