#include "report/measure_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace slimage::report {
namespace {

measure::MeasureResult Result() {
  measure::MeasureResult result;
  result.dockerfile = "app/Dockerfile";
  result.builder = "docker";
  result.smoke = "curl --version";
  measure::Step zero;
  zero.image = "sha256:aa";
  zero.size = 300000000;
  zero.compressed_size = 300000000;
  zero.layers = 3;
  zero.smoke = measure::SmokeStatus::kPassed;
  zero.smoke_exit_code = 0;
  measure::Step one = zero;
  one.step = 1;
  one.rules = {"SL301"};
  one.image = "sha256:bb";
  one.size = 200000000;
  one.compressed_size = 200000000;
  one.delta = -100000000;
  measure::Step two = one;
  two.step = 2;
  two.rules = {"SL303"};
  two.image = "sha256:cc";
  two.size = 190000000;
  two.compressed_size = 190000000;
  two.delta = -10000000;
  two.based_on = 1;
  two.smoke = measure::SmokeStatus::kFailed;
  two.smoke_exit_code = 127;
  two.smoke_problem = "exited 127, step 0 exited 0";
  result.steps = {zero, one, two};
  result.rejected = {{"SL303", "unsafe for this Dockerfile: the smoke run of step 2 exited 127, step 0 exited 0"}};
  result.not_applied = {{"SL401", 2, "installs debugging tools: vim", {"IM204"}, 41000000}};
  result.size_before = 300000000;
  result.size_after = 200000000;
  result.saved = 100000000;
  result.saved_percent = 100.0 / 3.0;
  return result;
}

TEST(MeasureJson, TheFieldsOfCliMdAndTheExtras) {
  std::ostringstream out;
  RenderMeasureJson(Result(), out);
  const auto json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json["dockerfile"], "app/Dockerfile");
  EXPECT_EQ(json["builder"], "docker");
  EXPECT_EQ(json["smoke"], "curl --version");
  ASSERT_EQ(json["steps"].size(), 3u);
  const auto& step = json["steps"][2];
  for (const char* key : {"step", "rules", "image", "size", "compressed_size", "layers", "delta", "smoke", "smoke_output"}) {
    EXPECT_TRUE(step.contains(key)) << key;
  }
  EXPECT_EQ(step["smoke"], "failed");
  EXPECT_EQ(step["smoke_exit_code"], 127);
  EXPECT_EQ(step["problem"], "exited 127, step 0 exited 0");
  EXPECT_EQ(json["steps"][1]["rules"], nlohmann::json::array({"SL301"}));
  EXPECT_EQ(json["total"]["size_before"], 300000000);
  EXPECT_EQ(json["total"]["size_after"], 200000000);
  EXPECT_EQ(json["total"]["saved"], 100000000);
  EXPECT_NEAR(json["total"]["saved_percent"].get<double>(), 33.333, 0.001);
  EXPECT_EQ(json["rejected"][0]["rule"], "SL303");
  EXPECT_EQ(json["not_applied"][0]["bytes"], 41000000);
  EXPECT_TRUE(json["largest_step_diff"].is_null());
}

TEST(MeasureText, TableTotalRejectedAndNotApplied) {
  std::ostringstream out;
  RenderMeasureText(Result(), out);
  EXPECT_EQ(out.str(),
            "slimage measure app/Dockerfile  (builder: docker, smoke: 'curl --version')\n"
            "\n"
            "  STEP  FIX                 SIZE  COMPRESSED  LAYERS       DELTA  SMOKE\n"
            "     0  as written      300.0 MB    300.0 MB       3              passed (exit 0)\n"
            "     1  SL301           200.0 MB    200.0 MB       3   -100.0 MB  passed (exit 0)\n"
            "     2  SL303           190.0 MB    190.0 MB       3    -10.0 MB  FAILED\n"
            "        exited 127, step 0 exited 0\n"
            "\n"
            "Total saved: 100.0 MB (33.3%): 300.0 MB -> 200.0 MB\n"
            "\n"
            "Not kept:\n"
            "  SL303: unsafe for this Dockerfile: the smoke run of step 2 exited 127, step 0 exited 0\n"
            "\n"
            "Not applied (no automatic fix), measured in the last image:\n"
            "  SL401 line 2: 41.0 MB in the image (IM204)\n"
            "      installs debugging tools: vim\n");
}

TEST(MeasureText, HostileTextsAreEscaped) {
  measure::MeasureResult result = Result();
  result.dockerfile = "evil\x1b[2J.Dockerfile";
  std::ostringstream out;
  RenderMeasureText(result, out);
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out.str().find("evil\\x1b[2J.Dockerfile"), std::string::npos);
}

}  // namespace
}  // namespace slimage::report
