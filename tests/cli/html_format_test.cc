// --format html and --output on analyze and diff (the pages themselves: tests/html/ and the
// browser tests, tests/browser/).
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

namespace fs = std::filesystem;

class HtmlFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("slimage-html-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(HtmlFormatTest, AnalyzeWritesThePageToTheOutputFileAndNothingToStdout) {
  const std::string image = SourcePath("examples/example-image.tar");
  const std::string report = (dir_ / "report.html").string();
  CliResult result = RunCli({"analyze", image, "--format", "html", "-o", report});
  EXPECT_EQ(result.exit_code, 1) << result.err;  // the example's findings, as with --format json
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  const std::string page = ReadFileBytes(report);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<body data-view=\"analyze\">"), std::string::npos);
  // the same bytes to stdout without -o
  CliResult to_stdout = RunCli({"analyze", image, "--format", "html"});
  EXPECT_EQ(to_stdout.out, page);
  // --output works for the other formats too
  CliResult json = RunCli({"analyze", image, "--format", "json", "--output", report});
  EXPECT_EQ(json.out, "");
  EXPECT_EQ(ReadFileBytes(report).rfind("{\"tool\":", 0), 0u);
}

TEST_F(HtmlFormatTest, DiffWritesItsPage) {
  const std::string image = SourcePath("examples/example-image.tar");
  const std::string report = (dir_ / "diff.html").string();
  CliResult result = RunCli({"diff", image, image, "--format", "html", "--output", report});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_NE(ReadFileBytes(report).find("<body data-view=\"diff\">"), std::string::npos);
}

TEST_F(HtmlFormatTest, AnUnwritableOutputIsExit2NamingTheFile) {
  const std::string report = (dir_ / "missing" / "report.html").string();
  CliResult result = RunCli({"analyze", SourcePath("examples/example-image.tar"), "--format", "html", "-o", report});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find(report), std::string::npos) << result.err;
}

TEST_F(HtmlFormatTest, HelpListsTheFormatAndTheOption) {
  for (const char* command : {"analyze", "diff"}) {
    CliResult result = RunCli({command, "--help"});
    EXPECT_NE(result.out.find("html"), std::string::npos) << command;
    EXPECT_NE(result.out.find("-o,--output"), std::string::npos) << result.out;
  }
}

}  // namespace
}  // namespace slimage::testing
