#include "report/lint_gitlab.h"

#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::report {
namespace {

rules::Finding Make(const std::string& rule, Severity severity, int line, int end_line, const std::string& message) {
  rules::Finding finding;
  finding.rule = rule;
  finding.severity = severity;
  finding.line = line;
  finding.column = 1;
  finding.end_line = end_line;
  finding.message = message;
  return finding;
}

// The fields of GitLab's documented Code Quality report format, and nothing that breaks it:
// description, check_name, fingerprint (unique), severity (info|minor|major|critical|blocker),
// location.path (relative), location.lines.begin.
void ExpectGitlabCodeQuality(const nlohmann::json& issues, bool relative_paths = true) {
  ASSERT_TRUE(issues.is_array());
  const std::set<std::string> severities{"info", "minor", "major", "critical", "blocker"};
  std::set<std::string> fingerprints;
  for (const nlohmann::json& issue : issues) {
    ASSERT_TRUE(issue.is_object());
    EXPECT_TRUE(issue.at("description").is_string());
    EXPECT_TRUE(issue.at("check_name").is_string());
    const std::string fingerprint = issue.at("fingerprint").get<std::string>();
    EXPECT_TRUE(std::regex_match(fingerprint, std::regex("[0-9a-f]{32}"))) << fingerprint;
    EXPECT_TRUE(fingerprints.insert(fingerprint).second) << "duplicate fingerprint " << fingerprint;
    EXPECT_EQ(severities.count(issue.at("severity").get<std::string>()), 1u) << issue.dump();
    const nlohmann::json& location = issue.at("location");
    const std::string path = location.at("path").get<std::string>();
    EXPECT_FALSE(path.empty());
    if (relative_paths) {
      EXPECT_NE(path[0], '/') << path;
    }
    EXPECT_NE(path.rfind("./", 0), 0u) << path;
    EXPECT_GE(location.at("lines").at("begin").get<int>(), 1);
  }
}

TEST(LintGitlab, FindingsBecomeCodeQualityIssuesWithHadolintsSeverities) {
  LintReport report;
  report.files.push_back({"./docker/Dockerfile",
                          {Make("SL000", Severity::kError, 1, 1, "bad"), Make("SL301", Severity::kWarning, 3, 4, "lists"),
                           Make("SL303", Severity::kInfo, 5, 5, "x"), Make("SL601", Severity::kStyle, 7, 8, "y")}});
  std::ostringstream out;
  RenderLintGitlab(report, out);
  const nlohmann::json issues = nlohmann::json::parse(out.str());
  ExpectGitlabCodeQuality(issues);
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0]["severity"], "blocker");
  EXPECT_EQ(issues[1]["severity"], "major");
  EXPECT_EQ(issues[2]["severity"], "info");
  EXPECT_EQ(issues[3]["severity"], "minor");
  EXPECT_EQ(issues[1]["check_name"], "SL301");
  EXPECT_EQ(issues[1]["description"], "SL301: lists");
  EXPECT_EQ(issues[1]["location"], (nlohmann::json{{"path", "docker/Dockerfile"}, {"lines", {{"begin", 3}, {"end", 4}}}}));
  EXPECT_EQ(issues[2]["location"]["lines"], (nlohmann::json{{"begin", 5}}));  // one line: no end
}

TEST(LintGitlab, RepeatedIdenticalFindingsGetDistinctFingerprintsAndRunsAreStable) {
  LintReport report;
  report.files.push_back({"Dockerfile", {Make("SL601", Severity::kStyle, 2, 2, "same"), Make("SL601", Severity::kStyle, 2, 2, "same")}});
  std::ostringstream first, second;
  RenderLintGitlab(report, first);
  RenderLintGitlab(report, second);
  EXPECT_EQ(first.str(), second.str());  // GitLab compares fingerprints across pipelines
  ExpectGitlabCodeQuality(nlohmann::json::parse(first.str()));
}

TEST(LintGitlab, NoFindingsIsAnEmptyArray) {
  std::ostringstream out;
  RenderLintGitlab(LintReport{}, out);
  EXPECT_EQ(out.str(), "[]\n");
}

TEST(LintGitlab, ExampleDockerfileThroughTheCli) {
  testing::CliResult result = testing::RunCli({"lint", "--format", "gitlab", testing::SourcePath("examples/Dockerfile")});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const nlohmann::json issues = nlohmann::json::parse(result.out);
  ExpectGitlabCodeQuality(issues, /*relative_paths=*/false);  // named by an absolute path here
  EXPECT_GE(issues.size(), 5u);
}

}  // namespace
}  // namespace slimage::report
