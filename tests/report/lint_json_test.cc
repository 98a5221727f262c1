#include "report/lint_json.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "report/lint_runner.h"
#include "rules/fake_rule.h"
#include "util/base64.h"

namespace slimage::report {
namespace {

// The fake rule quotes each RUN in its message, so the Dockerfile's bytes reach the JSON.
std::string RenderFake(const std::vector<LintInput>& inputs) {
  testing::FakeRunRule sl301(testing::FakeSL301Info());
  LintOptions options;
  options.rules = std::vector<const rules::Rule*>{&sl301};
  Expected<LintReport> report = LintFiles(inputs, options);
  EXPECT_TRUE(report.ok());
  std::ostringstream out;
  RenderLintJson(*report, out);
  return out.str();
}

// Issue 16 item 5: valid UTF-8 stays exact (controls as \u00XX); invalid UTF-8 no longer turns
// into U+FFFD without a trace: `message_base64` / `file_base64` keep the exact bytes.
TEST(LintJson, ControlCharactersAreJsonEscapesAndTheTextIsExact) {
  const std::string out = RenderFake({{"Dockerfile", "FROM alpine\nRUN echo \x1b]0;t\x07 \u202e \\ é\n"}});
  EXPECT_NE(out.find("\"message\": \"a RUN: RUN echo \\u001b]0;t\\u0007 \u202e \\\\ é\""), std::string::npos) << out;
  EXPECT_EQ(out.find("_base64"), std::string::npos) << out;
  const auto document = nlohmann::json::parse(out);
  EXPECT_EQ(document["files"][0]["findings"][0]["message"], "a RUN: RUN echo \x1b]0;t\x07 \u202e \\ é");
}

TEST(LintJson, InvalidUtf8KeepsItsExactBytesInBase64) {
  const std::string name = "Docker\xff" "file";
  const std::string out = RenderFake({{name, "FROM alpine\nRUN echo caf\xe9\n"}});
  const auto document = nlohmann::json::parse(out);
  const auto& file = document["files"][0];
  EXPECT_EQ(file["file"], "Docker\uFFFDfile");
  EXPECT_EQ(file["file_base64"], "RG9ja2Vy/2ZpbGU=");
  EXPECT_EQ(Base64Decode(file["file_base64"].get<std::string>()), name);
  const auto& finding = file["findings"][0];
  EXPECT_EQ(finding["message"], "a RUN: RUN echo caf\uFFFD");
  EXPECT_EQ(Base64Decode(finding["message_base64"].get<std::string>()), "a RUN: RUN echo caf\xe9");
  // The field follows the one it encodes; the contract's fields keep their order.
  const auto ordered = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : ordered["files"][0]["findings"][0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"rule", "severity", "line", "column", "end_line", "stage", "message",
                                            "message_base64", "fixable"}));
}

}  // namespace
}  // namespace slimage::report
