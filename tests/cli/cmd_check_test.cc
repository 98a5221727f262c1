#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage {
namespace {

using testing::RunCli;
using testing::SharedPath;

// overwritten_file.tar (SOURCE.md): /foo.txt written twice, 4 bytes each: size 8, final
// size 4, wasted 4, efficiency 0.5; with --base-layers 0 every layer is the user's: 50%.
const std::string kOverwritten = SharedPath("images/ggcr/overwritten_file.tar");
// dive's test image: size 1,220,598; five 6,405-byte copies hidden: wasted 32,025.
const std::string kDive = SharedPath("images/dive/test-docker-image.tar");

class TempDir {
 public:
  TempDir() : path_(std::filesystem::temp_directory_path() / ("slimage_check_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(CheckCommandTest, BudgetsMetExitZero) {
  const auto result = RunCli({"check", kOverwritten, "--base-layers", "0", "--max-size", "8", "--max-wasted", "4B",
                              "--min-efficiency", "0.5", "--max-user-wasted-percent", "50"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "ok: 4 budgets met\n");
  EXPECT_EQ(result.err, "");
}

TEST(CheckCommandTest, EveryBrokenBudgetIsOneLine) {
  const auto result = RunCli({"check", kOverwritten, "--base-layers", "0", "--max-size", "7", "--max-wasted", "3",
                              "--min-efficiency", "0.51", "--max-user-wasted-percent", "49.9"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "max-size: image size 8 B (8 bytes) is over the limit of 7 B (7 bytes)\n"
            "max-wasted: wasted 4 B (4 bytes) is over the limit of 3 B (3 bytes)\n"
            "min-efficiency: efficiency 0.5000 is below the limit of 0.51\n"
            "max-user-wasted-percent: wasted share of the layers above the base 50.00% is over the limit of 49.9%\n");
}

TEST(CheckCommandTest, DiveImageAgainstSiAndIecSizes) {
  // 1,220,598 bytes: over 1.2MB (1,200,000), under 1.2MiB (1,258,291).
  auto result = RunCli({"check", kDive, "--max-size", "1.2MB"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "max-size: image size 1.2 MB (1220598 bytes) is over the limit of 1.2 MB (1200000 bytes)\n");
  result = RunCli({"check", kDive, "--max-size", "1.2MiB", "--max-wasted", "32025"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "ok: 2 budgets met\n");
  result = RunCli({"check", kDive, "--max-wasted", "32024"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "max-wasted: wasted 32.0 kB (32025 bytes) is over the limit of 32.0 kB (32024 bytes)\n");
}

TEST(CheckCommandTest, BudgetsFromTheConfigAndFlagsOverrideThem) {
  TempDir dir;
  const std::string config = dir.Write("budgets.yaml", "budgets:\n  max-size: 7\n  max-wasted: 100\n");
  auto result = RunCli({"check", kOverwritten, "--config", config});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "max-size: image size 8 B (8 bytes) is over the limit of 7 B (7 bytes)\n");
  result = RunCli({"check", kOverwritten, "--config", config, "--max-size", "1kB"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "ok: 2 budgets met\n");
}

TEST(CheckCommandTest, DefaultConfigInTheCurrentDirectory) {
  TempDir dir;
  dir.Write(".slimage.yaml", "budgets: {min-efficiency: 0.9}\n");
  const std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const auto result = RunCli({"check", kOverwritten});
  std::filesystem::current_path(previous);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "min-efficiency: efficiency 0.5000 is below the limit of 0.9\n");
}

TEST(CheckCommandTest, NoBudgetIsNotAFailure) {
  TempDir dir;
  const std::string config = dir.Write("empty.yaml", "ignore: [SL601]\n");
  const auto result = RunCli({"check", kOverwritten, "--config", config});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out,
            "no budget set: give --max-size, --max-wasted, --min-efficiency or --max-user-wasted-percent, or "
            "budgets: in .slimage.yaml\n");
}

TEST(CheckCommandTest, BadInputExitsTwoWithOneLine) {
  auto result = RunCli({"check", kOverwritten, "--max-size", "12XB"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "slimage: --max-size: invalid size '12XB': unknown unit 'XB' (use B, kB, MB, GB, TB, KiB, MiB, GiB or "
            "TiB)\n");
  result = RunCli({"check", kOverwritten, "--min-efficiency", "2"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: --min-efficiency must be a number between 0 and 1, not '2'\n");
  result = RunCli({"check", kOverwritten, "--max-user-wasted-percent", "-1"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: --max-user-wasted-percent must be a number between 0 and 100, not '-1'\n");

  TempDir dir;
  const std::string config = dir.Write("bad.yaml", "budgets:\n  max-size: 1MB\nignroe: []\n");
  result = RunCli({"check", kOverwritten, "--config", config});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: " + config + ":3: unknown key 'ignroe'\n");
}

// Issue 16 item 5: what an error line quotes (a flag's value, a path) is escaped.
TEST(CheckCommandTest, ErrorLinesQuoteValuesEscaped) {
  auto result = RunCli({"check", kOverwritten, "--max-size", "1\x1b[2J\u202e"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("slimage: --max-size: invalid size '1\\x1b[2J\\u202e'", 0), 0u) << result.err;
  result = RunCli({"check", "/nonexistent/\x1b]0;x\x07.tar", "--max-size", "1MB"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: /nonexistent/\\x1b]0;x\\x07.tar: no such file or directory\n");
}

}  // namespace
}  // namespace slimage
