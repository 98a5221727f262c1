#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "report/image_report.h"

namespace slimage::report {
namespace {

TEST(ImageJson, RendersFindingsAndEmptyHistoryEntries) {
  analysis::ImageModel model;
  model.source = "x.tar";
  model.history.resize(2);
  model.history[0].created_by = "ADD x";
  model.history[0].layer = 0;
  model.history[1].created_by = "CMD [\"x\"]";
  model.history[1].empty_layer = true;
  model.layers.resize(1);
  model.layers[0].digest = "sha256:aa";
  model.layers[0].stats.size = 7;
  analysis::ImageFinding finding;
  finding.rule = "IM201";
  finding.severity = Severity::kWarning;
  finding.layer = 0;
  finding.path = "/var/lib/apt/lists";
  finding.bytes = 42;
  finding.message = "apt lists left behind";
  std::ostringstream out;
  RenderImageJson(model, {finding}, out);
  auto document = nlohmann::json::parse(out.str());
  ASSERT_EQ(document["findings"].size(), 1u);
  EXPECT_EQ(document["findings"][0],
            nlohmann::json::parse(R"({"rule":"IM201","severity":"warning","layer":0,"path":"/var/lib/apt/lists",
                                      "bytes":42,"message":"apt lists left behind"})"));
  EXPECT_EQ(document["layers"][0]["size"], 7);
  EXPECT_EQ(document["layers"][0]["digest"], "sha256:aa");
  EXPECT_EQ(document["layers"][1]["empty_layer"], true);
  EXPECT_FALSE(document["layers"][1].contains("digest"));
  EXPECT_EQ(out.str().back(), '\n');
}

// Issue 16 item 5: valid UTF-8 is kept exactly (controls as \u00XX); a text that is not UTF-8
// is replaced (U+FFFD per byte) and its exact bytes follow in `<field>_base64`.
TEST(ImageJson, HostileTextsAreLossless) {
  analysis::ImageModel model;
  model.source = "x.tar";
  model.history.resize(1);
  model.history[0].created_by = "RUN \x1b[2J \u202e \\ é";
  model.history[0].layer = 0;
  model.layers.resize(1);
  model.layers[0].digest = "sha256:\xff";
  analysis::ImageFinding finding;
  finding.rule = "IM101";
  finding.severity = Severity::kWarning;
  finding.path = "/a\xff";
  finding.message = "overwritten: /a\xff";
  finding.details = {"ok \x07", "bad \xc3"};
  std::ostringstream out;
  RenderImageJson(model, {finding}, out);
  const std::string text = out.str();
  EXPECT_NE(text.find(R"("created_by":"RUN \u001b[2J )" "\u202e" R"( \\ é","empty_layer")"), std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("digest":"sha256:)" "\uFFFD" R"(","digest_base64":"c2hhMjU2Ov8=")"), std::string::npos)
      << text;
  auto document = nlohmann::json::parse(text);
  EXPECT_FALSE(document["layers"][0].contains("created_by_base64"));
  EXPECT_EQ(document["findings"][0],
            nlohmann::json::parse(R"({"rule":"IM101","severity":"warning","path":"/a\ufffd","path_base64":"L2H/",
                                      "bytes":0,"message":"overwritten: /a\ufffd",
                                      "message_base64":"b3ZlcndyaXR0ZW46IC9h/w==",
                                      "details":["ok \u0007","bad \ufffd"],
                                      "details_base64":["b2sgBw==","YmFkIMM="]})"));
}

TEST(ImageText, FindingsListed) {
  analysis::ImageModel model;
  analysis::ImageFinding finding;
  finding.rule = "IM302";
  finding.severity = Severity::kInfo;
  finding.message = "no shell";
  finding.details = {"see SL801"};
  std::ostringstream out;
  RenderImageText(model, {finding}, 5, out);
  EXPECT_NE(out.str().find("\nFindings: 1\n  IM302 info    no shell\n      see SL801\n"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace slimage::report
