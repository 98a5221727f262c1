#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(CliApp, VersionPrintsOurVersionAndLibraries) {
  CliResult result = RunCli({"version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind(std::string("slimage ") + SLIMAGE_VERSION + "\n", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("libarchive"), std::string::npos);
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
