// rules::RunRules (rules/run_rules.h): the pass `slimage lint` and the fixes' proof share.
#include "rules/run_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"

namespace slimage::rules {
namespace {

std::vector<Finding> Lint(const std::string& source, const std::vector<std::string>& ignore = {}) {
  dockerfile::ParseResult parse = dockerfile::Parse(source);
  EXPECT_TRUE(parse.ok());
  dockerfile::ModelResult model = dockerfile::BuildStages(parse, {});
  EXPECT_TRUE(model.ok());
  LintSettings settings;
  LintContext context{"Dockerfile", source, parse, model.model, settings, nullptr};
  return RunRules(context, AllRules(), ignore);
}

const Finding* Of(const std::vector<Finding>& findings, const std::string& rule) {
  for (const Finding& finding : findings) {
    if (finding.rule == rule) return &finding;
  }
  return nullptr;
}

TEST(RunRulesTest, SortedByLineColumnRuleWithPragmasAndIgnoreApplied) {
  const std::string source =
      "FROM debian:12\n"
      "# slimage ignore=SL301\n"
      "RUN apt-get update\n"
      "RUN apt-get install -y --no-install-recommends curl\n";
  std::vector<Finding> findings = Lint(source);
  EXPECT_EQ(Of(findings, "SL301"), nullptr);  // the pragma
  ASSERT_NE(Of(findings, "SL201"), nullptr);
  for (size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LE(std::tie(findings[i - 1].line, findings[i - 1].column, findings[i - 1].rule),
              std::tie(findings[i].line, findings[i].column, findings[i].rule));
  }
  EXPECT_EQ(Of(Lint(source, {"SL201"}), "SL201"), nullptr);  // the config's ignore list
}

// Regression: slimage fix found the instruction SL302/SL602 name by searching the message for
// "line N", and a quoted path such as "/srv/line 9" came first. The rules now say it in a field.
TEST(RunRulesTest, RelatedLineNamesTheHolderAndTheWriterWhateverTheMessageQuotes) {
  std::vector<Finding> findings = Lint(
      "FROM debian:12\n"
      "COPY [\"app\", \"/srv/line 9/\"]\n"
      "RUN chown -R app \"/srv/line 9\"\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends curl\n"
      "RUN rm -rf /var/lib/apt/lists/*\n");
  const Finding* sl602 = Of(findings, "SL602");
  ASSERT_NE(sl602, nullptr);
  EXPECT_EQ(sl602->related_line, 2);
  const Finding* sl302 = Of(findings, "SL302");
  ASSERT_NE(sl302, nullptr);
  EXPECT_EQ(sl302->related_line, 4);
  const Finding* sl301 = Of(findings, "SL301");
  ASSERT_NE(sl301, nullptr);
  EXPECT_EQ(sl301->related_line, 0);  // names no other instruction
}

}  // namespace
}  // namespace slimage::rules
