#include "report/lint_sarif.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/lint_runner.h"
#include "rules/fake_rule.h"
#include "rules/rule.h"
#include "support/run_cli.h"

namespace slimage::report {
namespace {

using Json = nlohmann::json;

std::string RenderFake(const std::vector<LintInput>& inputs) {
  testing::FakeRunRule sl301(testing::FakeSL301Info());
  LintOptions options;
  options.rules = std::vector<const rules::Rule*>{&sl301};
  Expected<LintReport> report = LintFiles(inputs, options);
  EXPECT_TRUE(report.ok());
  std::ostringstream out;
  RenderLintSarif(*report, out);
  return out.str();
}

// Exit status of the schema validator on `document`.
int Validate(const std::string& document) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("slimage-sarif-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << document;
  const std::string command = "python3 " + testing::SourcePath("tests/support/validate_sarif.py") + " " +
                              testing::SourcePath("tests/data/sarif/sarif-schema-2.1.0.json") + " " + path.string();
  const int status = std::system(command.c_str());
  std::filesystem::remove(path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(LintSarif, OneRunWithRulesAndResults) {
  const Json log = Json::parse(RenderFake({{"dir/my Dockerfile", "FROM debian\nRUN a \\\n  b\n"}, {"bad", "FROBNICATE\n"}}));
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const Json& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "slimage");
  const Json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["id"], "SL000");
  EXPECT_EQ(rules[0]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rules[1]["id"], "SL301");
  EXPECT_EQ(rules[1]["shortDescription"]["text"], "apt lists left in the layer");
  EXPECT_EQ(rules[1]["fullDescription"]["text"], "Why.\nWhat instead.");
  EXPECT_EQ(rules[1]["helpUri"], "https://github.com/slimage/slimage/blob/main/docs/lint-rules.md#sl301");
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "warning");
  const Json& results = run["results"];
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["ruleId"], "SL301");
  EXPECT_EQ(results[0]["level"], "warning");
  EXPECT_EQ(results[0]["message"]["text"], "a RUN: RUN a   b");
  const Json& location = results[0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "dir/my%20Dockerfile");
  EXPECT_EQ(location["region"]["startLine"], 2);
  EXPECT_EQ(location["region"]["startColumn"], 1);
  EXPECT_EQ(location["region"]["endLine"], 3);
  EXPECT_EQ(results[1]["ruleId"], "SL000");
  EXPECT_EQ(results[1]["level"], "error");
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "bad");
}

TEST(LintSarif, Levels) {
  EXPECT_EQ(SarifLevel(Severity::kError), "error");
  EXPECT_EQ(SarifLevel(Severity::kWarning), "warning");
  EXPECT_EQ(SarifLevel(Severity::kInfo), "note");
  EXPECT_EQ(SarifLevel(Severity::kStyle), "note");
}

TEST(LintSarif, FileUri) {
  EXPECT_EQ(FileUri("a/b-c_d.e~"), "a/b-c_d.e~");
  EXPECT_EQ(FileUri("<stdin>"), "%3Cstdin%3E");
  EXPECT_EQ(FileUri("x#y%z"), "x%23y%25z");
}

TEST(LintSarif, ValidAgainstTheOfficialSchema) {
  EXPECT_EQ(Validate(RenderFake({{"Dockerfile", "FROM debian\nRUN a\n"}, {"<stdin>", "FROBNICATE\n"}})), 0);
  EXPECT_EQ(Validate(RenderFake({})), 0);
}

// Issue 16 item 5: a message with invalid UTF-8 keeps its exact bytes in the message's property
// bag; the artifact URI percent-encodes every byte (lossless); the log stays schema-valid.
TEST(LintSarif, InvalidUtf8IsLosslessAndValid) {
  const std::string document = RenderFake({{"Docker\xff\x1b", "FROM alpine\nRUN echo \x1b[31m caf\xe9\n"}});
  const Json log = Json::parse(document);
  const Json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["message"]["text"], "a RUN: RUN echo \x1b[31m caf\uFFFD");
  EXPECT_EQ(result["message"]["properties"]["text_base64"], "YSBSVU46IFJVTiBlY2hvIBtbMzFtIGNhZuk=");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "Docker%FF%1B");
  EXPECT_NE(document.find("\"text\": \"a RUN: RUN echo \\u001b[31m caf\uFFFD\""), std::string::npos) << document;
  EXPECT_EQ(Validate(document), 0);
  // Valid text has no property bag.
  const Json plain = Json::parse(RenderFake({{"Dockerfile", "FROM alpine\nRUN echo \u202e\n"}}));
  EXPECT_EQ(plain["runs"][0]["results"][0]["message"], Json({{"text", "a RUN: RUN echo \u202e"}}));
}

TEST(LintSarif, TheValidatorRejectsABrokenLog) {
  Json log = Json::parse(RenderFake({{"Dockerfile", "FROM debian\nRUN a\n"}}));
  log["runs"][0]["results"][0]["level"] = "severe";
  EXPECT_EQ(Validate(log.dump()), 1);
  log = Json::parse(RenderFake({}));
  log.erase("version");
  EXPECT_EQ(Validate(log.dump()), 1);
}

// helpUri points at `docs/lint-rules.md#sl301`: every rule needs its `### SL301` heading there
// (scripts/rule-reference.sh writes the section), or the link lands at the top of the page.
TEST(LintSarif, EveryRuleHasTheHeadingItsHelpUriPointsAt) {
  std::ifstream in(testing::SourcePath("docs/lint-rules.md"));
  ASSERT_TRUE(in) << "docs/lint-rules.md";
  std::set<std::string> headings;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("### ", 0) == 0) headings.insert(line.substr(4));
  }
  EXPECT_TRUE(headings.contains(std::string(rules::kParseErrorRule)));
  for (const rules::Rule* rule : rules::AllRules()) {
    EXPECT_TRUE(headings.contains(std::string(rule->id()))) << rule->id() << " has no heading in docs/lint-rules.md";
  }
  EXPECT_EQ(std::string(kRuleDocsUri).rfind(std::string(kProjectUri), 0), 0u);  // the docs live in the project
  EXPECT_TRUE(std::string(kRuleDocsUri).ends_with("/docs/lint-rules.md"));
}

}  // namespace
}  // namespace slimage::report
