// Pins the figures of the bundled examples/example-image.tar (the quick start's image), written
// by hand from examples/make_example_image.py: base 12,000 + 11 bytes; apt layer 90,000 of lists
// + 25,000 of curl; a whiteout layer; /app/server 40,000 bytes written twice.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(ExampleImage, FiguresFollowFromTheGenerator) {
  CliResult result = RunCli({"analyze", SourcePath("examples/example-image.tar"), "--format", "json"});
  ASSERT_EQ(result.exit_code, 1) << result.err;  // IM101/IM102/IM204 are warnings
  auto document = nlohmann::json::parse(result.out);
  const auto& image = document["image"];
  EXPECT_EQ(image["size"], 12000 + 11 + 90000 + 25000 + 40000 + 40000);
  EXPECT_EQ(image["final_size"], 12000 + 11 + 25000 + 40000);
  EXPECT_EQ(image["wasted"], 90000 + 40000);
  EXPECT_EQ(image["files"], 4);
  ASSERT_EQ(document["layers"].size(), 6u);
  EXPECT_EQ(document["layers"][1]["wasted"], 90000);
  EXPECT_EQ(document["layers"][3]["wasted"], 40000);
  EXPECT_EQ(document["layers"][5]["empty_layer"], true);
  std::vector<std::string> rules;
  for (const auto& finding : document["findings"]) rules.push_back(finding["rule"]);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "IM102"), rules.end());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "IM204"), rules.end());
}

}  // namespace
}  // namespace slimage::testing
