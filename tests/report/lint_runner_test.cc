#include "report/lint_runner.h"

#include <gtest/gtest.h>

#include "rules/fake_rule.h"

namespace slimage::report {
namespace {

using testing::FakeRunRule;

class LintRunnerTest : public ::testing::Test {
 protected:
  LintRunnerTest() : sl301_(testing::FakeSL301Info()), sl601_(testing::FakeSL601Info()) {
    options_.rules = std::vector<const rules::Rule*>{&sl301_, &sl601_};
  }

  std::vector<std::string> Findings(const std::string& source) {
    Expected<FileLint> file = LintSource("Dockerfile", source, options_);
    EXPECT_TRUE(file.ok());
    std::vector<std::string> out;
    for (const rules::Finding& f : file->findings) {
      out.push_back(fmt::format("{}:{}:{}", f.line, f.rule, SeverityName(f.severity)));
    }
    return out;
  }

  FakeRunRule sl301_;
  FakeRunRule sl601_;
  LintOptions options_;
};

using Lines = std::vector<std::string>;

TEST_F(LintRunnerTest, ExplicitRulesRunAndFindingsAreSorted) {
  EXPECT_EQ(Findings("FROM debian\nRUN a\nRUN b\n"),
            (Lines{"2:SL301:warning", "2:SL601:style", "3:SL301:warning", "3:SL601:style"}));
}

TEST_F(LintRunnerTest, PragmasDropFindings) {
  EXPECT_EQ(Findings("FROM debian\n# slimage ignore=SL301\nRUN a\n# hadolint ignore=DL3059\nRUN b\n"),
            (Lines{"3:SL601:style", "5:SL301:warning"}));
  EXPECT_EQ(Findings("# hadolint global ignore=DL3009\nFROM debian\nRUN a\n"), (Lines{"3:SL601:style"}));
}

TEST_F(LintRunnerTest, ConfigIgnoreAndSeverity) {
  options_.ignore = {"SL601", "SL999"};
  options_.severity = {{"SL301", Severity::kError}};
  EXPECT_EQ(Findings("FROM debian\nRUN a\n"), (Lines{"2:SL301:error"}));
}

TEST_F(LintRunnerTest, ParseErrorsAreNeverIgnored) {
  options_.ignore = {"SL000"};
  EXPECT_EQ(Findings("# slimage global ignore=SL000\nFROBNICATE x\n"), (Lines{"2:SL000:error"}));
}

TEST_F(LintRunnerTest, FailOnSeesOverriddenSeverities) {
  options_.severity = {{"SL301", Severity::kInfo}};
  Expected<LintReport> report = LintFiles({{"Dockerfile", "FROM debian\nRUN a\n"}}, options_);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->failed);
  EXPECT_EQ(report->count(Severity::kInfo), 1);
  EXPECT_EQ(report->count(Severity::kStyle), 1);
  options_.severity = {{"SL601", Severity::kWarning}};
  report = LintFiles({{"Dockerfile", "FROM debian\nRUN a\n"}}, options_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->failed);
}

TEST_F(LintRunnerTest, ReportListsTheRulesThatRan) {
  Expected<LintReport> report = LintFiles({}, options_);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->rules.size(), 3u);
  EXPECT_EQ(report->rules[0]->id, "SL000");
  EXPECT_EQ(report->rules[1]->id, "SL301");
  EXPECT_EQ(report->rules[2]->id, "SL601");
}

}  // namespace
}  // namespace slimage::report
