// Data-driven rule tests: tests/rules/cases/<RULE>/<case>/ holds a Dockerfile (and any build
// context files it needs), an `expect` file and optionally an `args` file.
//   expect: one line per finding of <RULE> that must be reported, "LINE" (the finding's line);
//           an empty file means <RULE> must not fire (a look-alike). Lines starting # are comments.
//   args:   extra `slimage lint` arguments, whitespace separated (e.g. "--target debug");
//           CASE_DIR at the start of a word stands for the case folder ("CASE_DIR/ctx").
// Only findings of <RULE> are compared, so a case may trigger other rules too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

namespace fs = std::filesystem;

struct RuleCase {
  std::string rule;
  fs::path dir;
};

// Keeps gtest from printing the struct's bytes in test listings.
void PrintTo(const RuleCase& rule_case, std::ostream* out) { *out << rule_case.dir.string(); }

std::vector<RuleCase> DiscoverCases() {
  std::vector<RuleCase> cases;
  fs::path root = SourcePath("tests/rules/cases");
  if (!fs::exists(root)) return cases;
  for (const auto& rule_dir : fs::directory_iterator(root)) {
    if (!rule_dir.is_directory()) continue;
    for (const auto& case_dir : fs::directory_iterator(rule_dir.path())) {
      if (case_dir.is_directory()) cases.push_back({rule_dir.path().filename().string(), case_dir.path()});
    }
  }
  std::sort(cases.begin(), cases.end(), [](const RuleCase& a, const RuleCase& b) { return a.dir < b.dir; });
  return cases;
}

std::vector<std::string> ReadWords(const fs::path& path, const std::string& case_dir) {
  std::vector<std::string> words;
  std::ifstream in(path);
  std::string word;
  while (in >> word) words.push_back(word.rfind("CASE_DIR", 0) == 0 ? case_dir + word.substr(8) : word);
  return words;
}

std::vector<int> ReadExpectedLines(const fs::path& path) {
  std::vector<int> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(std::stoi(line));
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

class RuleCaseTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleCaseTest, ReportsExactlyTheExpectedLines) {
  const RuleCase& rule_case = GetParam();
  ASSERT_TRUE(fs::exists(rule_case.dir / "Dockerfile")) << rule_case.dir;
  ASSERT_TRUE(fs::exists(rule_case.dir / "expect")) << rule_case.dir << " has no expect file";

  std::vector<std::string> args = {"lint", "--format", "json", "--fail-on", "none"};
  if (fs::exists(rule_case.dir / "args")) {
    for (std::string& word : ReadWords(rule_case.dir / "args", rule_case.dir.string())) args.push_back(word);
  }
  args.push_back((rule_case.dir / "Dockerfile").string());

  CliResult result = RunCliArgs(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json document = nlohmann::json::parse(result.out);
  std::vector<int> reported;
  for (const auto& finding : document.at("files").at(0).at("findings")) {
    if (finding.at("rule") == rule_case.rule) reported.push_back(finding.at("line").get<int>());
  }
  std::sort(reported.begin(), reported.end());
  EXPECT_EQ(reported, ReadExpectedLines(rule_case.dir / "expect")) << result.out;
}

std::string CaseName(const ::testing::TestParamInfo<RuleCase>& info) {
  std::string name = info.param.rule + "_" + info.param.dir.filename().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleCaseTest, ::testing::ValuesIn(DiscoverCases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RuleCaseTest);

}  // namespace
}  // namespace slimage::testing
