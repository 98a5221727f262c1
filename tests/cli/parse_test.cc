#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/run_cli.h"
#include "util/file.h"

namespace slimage::testing {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("slimage-parse-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(CliParse, PrintsBuildkitDumpOfEveryTestfile) {
  for (const auto& entry : std::filesystem::directory_iterator(SharedPath("corpus/buildkit-parser"))) {
    std::string result_path = entry.path().string() + "/result";
    if (!std::filesystem::exists(result_path)) continue;
    CliResult result = RunCli({"parse", entry.path().string() + "/Dockerfile"});
    EXPECT_EQ(result.exit_code, 0) << entry.path();
    EXPECT_EQ(result.out, *ReadTextFile(result_path)) << entry.path();
    EXPECT_EQ(result.err, "");
  }
}

TEST(CliParse, SyntaxErrorIsOneLineAndExit2) {
  std::string path = WriteTemp("Dockerfile.bad", "FROM a\nCMD [\"a\", [\"b\"]]\n");
  CliResult result = RunCli({"parse", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "slimage: " + path + ":2:1: when using JSON array syntax, arrays must be comprised of strings only\n");
}

TEST(CliParse, MissingFileIsExit2NamingIt) {
  CliResult result = RunCli({"parse", "/nonexistent/Dockerfile"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: /nonexistent/Dockerfile: cannot open: No such file or directory\n");
}

}  // namespace
}  // namespace slimage::testing
