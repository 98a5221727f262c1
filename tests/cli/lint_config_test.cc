// `slimage lint` with --config, --format sarif/github and --all-stages (the rules themselves
// are tested in tests/rules/; a file that does not parse gives a finding without any rule).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("slimage-lint-config-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CliLintConfig, UnknownRuleInIgnoreNamesTheConfigLine) {
  std::string config = WriteTemp("unknown.yaml", "fail-on: error\nignore:\n  - SL000\n  - SL998\n");
  std::string file = WriteTemp("ok", "FROM alpine:3.19\n");
  CliResult result = RunCli({"lint", "--config", config, file});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "slimage: " + config + ":4: unknown rule 'SL998' (slimage explain --list lists them)\n");
}

TEST(CliLintConfig, UnknownRuleInSeverityNamesTheConfigLine) {
  std::string config = WriteTemp("severity.yaml", "ignore: [IM101]\nseverity:\n  SL997: info\n");
  std::string file = WriteTemp("ok", "FROM alpine:3.19\n");
  CliResult result = RunCli({"lint", "--config", config, file});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: " + config + ":3: unknown rule 'SL997' (slimage explain --list lists them)\n");
}

TEST(CliLintConfig, ImageRuleIdsAndAllowPackagesAreAccepted) {
  std::string config = WriteTemp("fine.yaml", "ignore: [IM101, SL000]\nallow-packages: [curl]\nfail-on: style\n");
  std::string file = WriteTemp("ok", "FROM alpine:3.19\n");
  CliResult result = RunCli({"lint", "--config", config, "--all-stages", file});
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "0 error, 0 warning, 0 info, 0 style in 1 file\n");
}

TEST(CliLintConfig, MissingConfigFileExits2) {
  std::string file = WriteTemp("ok", "FROM alpine:3.19\n");
  CliResult result = RunCli({"lint", "--config", "/nonexistent/slimage.yaml", file});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("/nonexistent/slimage.yaml"), std::string::npos) << result.err;
}

TEST(CliLintConfig, FailOnFlagOverridesTheConfig) {
  std::string config = WriteTemp("failon.yaml", "fail-on: error\n");
  std::string file = WriteTemp("broken", "FROBNICATE x\n");
  EXPECT_EQ(RunCli({"lint", "--config", config, file}).exit_code, 1);
  EXPECT_EQ(RunCli({"lint", "--config", config, "--fail-on", "none", file}).exit_code, 0);
}

TEST(CliLintConfig, GithubFormat) {
  std::string file = WriteTemp("broken", "FROBNICATE x\n");
  CliResult result = RunCli({"lint", "--format", "github", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "::error file=" + file + ",line=1,col=1,endLine=1,title=SL000::unknown instruction: FROBNICATE\n");
}

TEST(CliLintConfig, SarifFormat) {
  std::string file = WriteTemp("broken", "FROM alpine\nFROBNICATE x\n");
  CliResult result = RunCli({"lint", "--format", "sarif", file});
  EXPECT_EQ(result.exit_code, 1);
  const nlohmann::json log = nlohmann::json::parse(result.out);
  EXPECT_EQ(log["version"], "2.1.0");
  const nlohmann::json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["ruleId"], "SL000");
  EXPECT_EQ(results[0]["message"]["text"], "unknown instruction: FROBNICATE");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][0]["id"], "SL000");
}

TEST(CliLintConfig, UnknownFormatIsAUsageError) {
  EXPECT_EQ(RunCli({"lint", "--format", "xml", WriteTemp("ok", "FROM alpine:3.19\n")}).exit_code, 2);
}

}  // namespace
}  // namespace slimage::testing
