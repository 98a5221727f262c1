// slimage measure at the CLI: bad usage and bad input are one line and exit 2, before any build.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

namespace fs = std::filesystem;

class MeasureCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("slimage-measure-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = (dir_ / "Dockerfile").string();
    std::ofstream(file_) << "FROM debian:12\nRUN apt-get update\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  std::string file_;
};

TEST_F(MeasureCliTest, AnUnknownRuleOrOneWithoutAFix) {
  CliResult unknown = RunCliArgs({"measure", file_, "--rules", "SL999"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "slimage: --rules: unknown rule 'SL999' (slimage explain --list lists them)\n");
  CliResult no_fix = RunCliArgs({"measure", file_, "--rules", "SL101"});
  EXPECT_EQ(no_fix.exit_code, 2);
  EXPECT_EQ(no_fix.err, "slimage: --rules: SL101 has no automatic fix\n");
  EXPECT_TRUE(no_fix.out.empty());
}

TEST_F(MeasureCliTest, AContextThatIsNoDirectory) {
  CliResult result = RunCliArgs({"measure", file_, "--context", (dir_ / "nope").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: --context: " + (dir_ / "nope").string() + " is not a directory\n");
}

TEST_F(MeasureCliTest, AMissingDockerfileIsNamed) {
  CliResult result = RunCliArgs({"measure", (dir_ / "missing.Dockerfile").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find((dir_ / "missing.Dockerfile").string()), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(MeasureCliTest, AnUnknownBuilderIsAUsageError) {
  CliResult result = RunCliArgs({"measure", file_, "--builder", "kaniko"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--builder"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace slimage::testing
