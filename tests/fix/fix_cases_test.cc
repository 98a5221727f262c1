// Golden before/after pairs: tests/fix/cases/<case>/ holds
//   Dockerfile  the input;
//   expected    what `slimage fix [args] Dockerfile` prints (byte for byte; equal to the input
//               when nothing must change);
//   args        optional extra arguments (`--unsafe`, `--rules SL301`);
//   skipped     optional: the skip lines on stderr, the file's path taken off the front
//               ("3: SL601 not fixed: the first RUN changes directory"); no file: no skips;
//   error       instead of expected: the file must not parse; stderr without the path.
// Each case is also fixed a second time (from stdin): that must change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

namespace fs = std::filesystem;

struct FixCase {
  fs::path dir;
};
void PrintTo(const FixCase& fix_case, std::ostream* out) { *out << fix_case.dir.filename().string(); }

std::vector<FixCase> DiscoverCases() {
  std::vector<FixCase> cases;
  for (const auto& entry : fs::directory_iterator(SourcePath("tests/fix/cases"))) {
    if (entry.is_directory()) cases.push_back({entry.path()});
  }
  std::sort(cases.begin(), cases.end(), [](const FixCase& a, const FixCase& b) { return a.dir < b.dir; });
  return cases;
}

std::vector<std::string> Words(const fs::path& path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

// stderr with every "<path>:" prefix removed.
std::string WithoutPath(std::string text, const std::string& path) {
  std::string prefix = path + ":";
  for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) text.erase(at, prefix.size());
  return text;
}

class FixCaseTest : public ::testing::TestWithParam<FixCase> {};

TEST_P(FixCaseTest, FixesToTheExpectedBytes) {
  const fs::path& dir = GetParam().dir;
  const std::string dockerfile = (dir / "Dockerfile").string();
  std::vector<std::string> args = {"fix"};
  std::vector<std::string> extra = fs::exists(dir / "args") ? Words(dir / "args") : std::vector<std::string>{};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(dockerfile);
  CliResult result = RunCliArgs(args);
  if (fs::exists(dir / "error")) {
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(WithoutPath(result.err, dockerfile), ReadFileBytes((dir / "error").string()));
    return;
  }
  ASSERT_TRUE(fs::exists(dir / "expected")) << dir << " has no expected file";
  const std::string expected = ReadFileBytes((dir / "expected").string());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, expected);
  std::string skipped = fs::exists(dir / "skipped") ? ReadFileBytes((dir / "skipped").string()) : "";
  EXPECT_EQ(WithoutPath(result.err, dockerfile), skipped);

  // A second fix changes nothing.
  std::vector<std::string> again = {"fix"};
  again.insert(again.end(), extra.begin(), extra.end());
  again.push_back("-");
  CliResult second = RunCliWithInput(again, expected);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, expected) << "a second fix changed the output";
}

INSTANTIATE_TEST_SUITE_P(Cases, FixCaseTest, ::testing::ValuesIn(DiscoverCases()),
                         [](const ::testing::TestParamInfo<FixCase>& param) {
                           std::string name = param.param.dir.filename().string();
                           std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return name;
                         });

}  // namespace
}  // namespace slimage::testing
