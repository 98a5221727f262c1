// BuildKit's own parser test data (shared/corpus/buildkit-parser*), read in place: every case
// dumps exactly to its `result`, every negative case fails with BuildKit's message, and every
// real-world Dockerfile in shared/corpus/dockerfiles parses.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "support/run_cli.h"
#include "util/file.h"

namespace slimage::dockerfile {
namespace {

namespace fs = std::filesystem;
using testing::SharedPath;

std::vector<std::string> CaseNames(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(SharedPath(folder))) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadOrEmpty(const std::string& path) {
  Expected<std::string> text = ReadTextFile(path);
  return text ? *text : std::string();
}

class BuildkitParserCase : public ::testing::TestWithParam<std::string> {};

TEST_P(BuildkitParserCase, DumpEqualsResultFile) {
  std::string dir = SharedPath("corpus/buildkit-parser/" + GetParam());
  ParseResult result = Parse(ReadOrEmpty(dir + "/Dockerfile"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(Dump(result.root) + "\n", ReadOrEmpty(dir + "/result"));
}

std::vector<std::string> CasesWithResult() {
  std::vector<std::string> cases;
  for (const std::string& name : CaseNames("corpus/buildkit-parser")) {
    if (fs::exists(SharedPath("corpus/buildkit-parser/" + name + "/result"))) cases.push_back(name);
  }
  return cases;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Testfiles, BuildkitParserCase, ::testing::ValuesIn(CasesWithResult()), TestName);

TEST(BuildkitParser, AllThirtyThreeCasesAreFound) { EXPECT_EQ(CasesWithResult().size(), 33u); }

TEST(BuildkitParser, TestfileLineHasBuildkitLineNumbers) {
  ParseResult result = Parse(ReadOrEmpty(SharedPath("corpus/buildkit-parser/testfile-line/Dockerfile")));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.root.start_line, 5);
  EXPECT_EQ(result.root.end_line, 31);
  ASSERT_EQ(result.root.children.size(), 3u);
  EXPECT_EQ(result.root.children[0].start_line, 5);
  EXPECT_EQ(result.root.children[0].end_line, 5);
  EXPECT_EQ(result.root.children[1].start_line, 11);
  EXPECT_EQ(result.root.children[1].end_line, 12);
  EXPECT_EQ(result.root.children[2].start_line, 17);
  EXPECT_EQ(result.root.children[2].end_line, 31);
}

std::string NegativeMessage(const std::string& name) {
  ParseResult result = Parse(ReadOrEmpty(SharedPath("corpus/buildkit-parser-negative/" + name + "/Dockerfile")));
  return result.error ? result.error->message : "(parsed without error)";
}

TEST(BuildkitParserNegative, EveryCaseIsAnError) {
  EXPECT_EQ(NegativeMessage("empty_dockerfile"), "file with no instructions");
  EXPECT_EQ(NegativeMessage("only_comments"), "file with no instructions");
  EXPECT_EQ(NegativeMessage("env_no_value"), "ENV must have two arguments");
  EXPECT_EQ(NegativeMessage("shykes-nested-json"),
            "when using JSON array syntax, arrays must be comprised of strings only");
  EXPECT_EQ(CaseNames("corpus/buildkit-parser-negative").size(), 4u);
}

// A linter's test example that BuildKit itself rejects (line 27: `ENV testsomething=test value`).
constexpr const char* kRejectedByBuildkit = "replicatedhq__dockerfilelint__test__examples__Dockerfile.misc";

TEST(RealDockerfiles, AllParseWithoutErrorExceptOneBuildkitRejects) {
  std::vector<std::string> failures;
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(SharedPath("corpus/dockerfiles"))) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name == "SOURCES.tsv") continue;
    ++count;
    ParseResult result = Parse(ReadOrEmpty(entry.path().string()));
    if (name == kRejectedByBuildkit) {
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.error->message, "Syntax error - can't find = in \"value\". Must be of the form: name=value");
      EXPECT_EQ(result.error->line, 27);
      continue;
    }
    if (!result.ok()) {
      failures.push_back(entry.path().string() + ":" + std::to_string(result.error->line) + ": " +
                         result.error->message);
    }
  }
  EXPECT_EQ(count, 540);
  std::string list;
  for (const std::string& failure : failures) list += failure + "\n";
  EXPECT_TRUE(failures.empty()) << list;
}

}  // namespace
}  // namespace slimage::dockerfile
