// slimage fix at the CLI: output modes, --write, --check, JSON, several files, config, bad input.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kWasteful = "FROM python:3.12\nRUN pip install flask\n";
constexpr const char* kFixed = "FROM python:3.12\nRUN pip install --no-cache-dir flask\n";

class FixCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("slimage-fix-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  fs::path dir_;
};

TEST_F(FixCliTest, PrintsTheFixedFileAndReadsStdin) {
  CliResult result = RunCliWithInput({"fix", "-"}, kWasteful);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, kFixed);
  EXPECT_EQ(result.err, "");
}

TEST_F(FixCliTest, CheckExitsOneWhenAFixWouldApplyAndChangesNothing) {
  std::string file = Write("Dockerfile", kWasteful);
  CliResult result = RunCli({"fix", "--check", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, file + ": would fix SL306 (line 2)\n");
  EXPECT_EQ(ReadFileBytes(file), kWasteful);
  std::string clean = Write("Clean", kFixed);
  EXPECT_EQ(RunCli({"fix", "--check", clean}).exit_code, 0);
}

TEST_F(FixCliTest, WriteReplacesTheTargetOfASymlinkAndKeepsTheMode) {
  std::string target = Write("real", kWasteful);
  ASSERT_EQ(::chmod(target.c_str(), 0600), 0);
  fs::create_symlink("real", dir_ / "Dockerfile");
  CliResult result = RunCli({"fix", "--write", (dir_ / "Dockerfile").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::is_symlink(dir_ / "Dockerfile"));
  EXPECT_EQ(ReadFileBytes(target), kFixed);
  struct stat info {};
  ASSERT_EQ(::stat(target.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(FixCliTest, WriteLeavesAnUnchangedFileAlone) {
  std::string file = Write("Dockerfile", kFixed);
  fs::file_time_type before = fs::last_write_time(file);
  ::sleep(0);
  CliResult result = RunCli({"fix", "--write", file});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(fs::last_write_time(file), before);
  EXPECT_EQ(result.err, "");
}

TEST_F(FixCliTest, JsonListsEditsAsByteRangesOfTheOriginal) {
  std::string file = Write("Dockerfile", std::string(kWasteful) + "RUN <<EOF\napt-get update\napt-get install -y --no-install-recommends make\nEOF\n");
  CliResult result = RunCli({"fix", "--format", "json", file});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json document = nlohmann::json::parse(result.out);
  const auto& entry = document["files"][0];
  EXPECT_EQ(entry["file"], file);
  EXPECT_EQ(entry["changed"], true);
  ASSERT_EQ(entry["edits"].size(), 1u);
  EXPECT_EQ(entry["edits"][0]["rule"], "SL306");
  EXPECT_EQ(entry["edits"][0]["line"], 2);
  EXPECT_EQ(entry["edits"][0]["offset"], 32);  // after "FROM python:3.12\nRUN pip install"
  EXPECT_EQ(entry["edits"][0]["length"], 0);
  EXPECT_EQ(entry["edits"][0]["replacement"], " --no-cache-dir");
  ASSERT_EQ(entry["skipped"].size(), 1u);
  EXPECT_EQ(entry["skipped"][0]["rule"], "SL301");
  EXPECT_EQ(entry["skipped"][0]["reason"], "the RUN has a heredoc");
}

TEST_F(FixCliTest, ABadFileAmongSeveralLeavesThemAllUntouched) {
  std::string good = Write("good", kWasteful);
  std::string bad = Write("bad", "FROM x\nRUN <<EOF\n");
  CliResult result = RunCli({"fix", "--write", good, bad});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "slimage: " + bad + ":2: unterminated heredoc\n");
  EXPECT_EQ(ReadFileBytes(good), kWasteful);
}

TEST_F(FixCliTest, DiffHasGitHeadersAndSeveralFilesFollowEachOther) {
  std::string a = Write("a", kWasteful);
  CliResult result = RunCli({"fix", "--diff", a, a});
  EXPECT_EQ(result.exit_code, 0);
  std::string one = "--- a/" + fs::path(a).relative_path().string() + "\n+++ b/" + fs::path(a).relative_path().string() +
                    "\n@@ -1,2 +1,2 @@\n FROM python:3.12\n-RUN pip install flask\n+RUN pip install --no-cache-dir flask\n";
  EXPECT_EQ(result.out, one + one);
}

TEST_F(FixCliTest, HonoursTheConfigsIgnoreAndRulesFilter) {
  std::string file = Write("Dockerfile", std::string(kWasteful) + "RUN npm ci\n");
  std::string config = Write("config.yaml", "ignore: [SL306, SL601]\n");
  CliResult ignored = RunCli({"fix", "--config", config, file});
  EXPECT_EQ(ignored.out, std::string(kWasteful) + "RUN npm ci && npm cache clean --force\n");
  CliResult filtered = RunCli({"fix", "--rules", "SL306", file});
  EXPECT_EQ(filtered.out, std::string(kFixed) + "RUN npm ci\n");
  CliResult unknown = RunCli({"fix", "--rules", "SL101", file});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "slimage: --rules: SL101 has no automatic fix\n");
}

}  // namespace
}  // namespace slimage::testing
