// `slimage fix`, proven by building (issue 11): the fix-wasteful fixture built as written and as
// fixed by the real dockerd (scripts/integration.sh); the fixed image must be smaller by what the
// fixes remove, have fewer layers, and run its command with the same result.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "integration/it_support.h"

namespace slimage::integration {
namespace {

std::string FileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class FixBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = MissingEnvironment(); !missing.empty()) GTEST_SKIP() << missing;
  }
  static nlohmann::json Analysis(const std::string& variant) {
    return AnalyzeJson({"docker://" + ItEnv("PREFIX").value_or("slimage-it") + "/fix-wasteful:" + variant},
                       RunOptions{{{"DOCKER_HOST", RequiredEnv("DOCKER_HOST")}}});
  }
  static int NonEmptyLayers(const nlohmann::json& analysis) {
    int layers = 0;
    for (const nlohmann::json& layer : analysis["layers"]) layers += layer["empty_layer"].get<bool>() ? 0 : 1;
    return layers;
  }
  static uint64_t FindingBytes(const nlohmann::json& analysis, const std::string& rule, const std::string& path_prefix) {
    uint64_t bytes = 0;
    for (const nlohmann::json& finding : FindingsOf(analysis, rule)) {
      if (finding.value("path", "").rfind(path_prefix, 0) == 0) bytes += finding["bytes"].get<uint64_t>();
    }
    return bytes;
  }
};

TEST_F(FixBuild, TheFixedDockerfileHasEveryFixApplied) {
  const std::string fixed = FileText(RequiredEnv("FIX_WASTEFUL_FIXED_DOCKERFILE"));
  EXPECT_NE(fixed.find("apt-get clean && rm -rf /var/lib/apt/lists/*"), std::string::npos) << fixed;  // SL302 + SL301
  EXPECT_NE(fixed.find("COPY --chown=nobody:nogroup app/ /opt/app/"), std::string::npos) << fixed;    // SL602
  EXPECT_EQ(fixed.find("RUN chown"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("RUN mkdir -p /srv/data && \\\n    chmod 750 /srv/data && \\\n    touch /srv/data/.keep"),
            std::string::npos)
      << fixed;  // SL601
}

TEST_F(FixBuild, TheFixedImageIsSmallerByWhatTheFixesRemoveAndHasFewerLayers) {
  const nlohmann::json before = Analysis("before");
  const nlohmann::json after = Analysis("after");
  const uint64_t size_before = before["image"]["size"].get<uint64_t>();
  const uint64_t size_after = after["image"]["size"].get<uint64_t>();
  ASSERT_LT(size_after, size_before);
  // What the fixes remove, each measured on its own: the apt lists and app/'s second copy (du in
  // a container of the image as written), and the apt cache that `apt-get clean` hid one layer
  // too late (the before image's IM101 bytes under /var/cache/apt).
  const uint64_t lists = RequiredNumber("FIX_WASTEFUL_BEFORE_APT_LISTS_BYTES");
  const uint64_t app = RequiredNumber("FIX_WASTEFUL_BEFORE_APP_BYTES");
  const uint64_t apt_cache = FindingBytes(before, "IM101", "/var/cache/apt");
  EXPECT_GT(lists, 1000000u);
  EXPECT_GT(app, 9000u);
  EXPECT_GT(apt_cache, 1000000u);
  const int64_t saved = static_cast<int64_t>(size_before - size_after);
  const int64_t expected = static_cast<int64_t>(lists + app + apt_cache);
  // apt writes its own bookkeeping (logs, extended_states) a little differently run to run.
  EXPECT_NEAR(static_cast<double>(saved), static_cast<double>(expected), 64.0 * 1024)
      << "saved " << saved << " expected " << expected << " (lists " << lists << ", app " << app << ", apt cache "
      << apt_cache << ")";
  // Only the lists leave the final filesystem (apt's logs may differ by a few bytes).
  EXPECT_NEAR(static_cast<double>(before["image"]["final_size"].get<uint64_t>() - after["image"]["final_size"].get<uint64_t>()),
              static_cast<double>(lists), 16.0 * 1024);
  EXPECT_EQ(NonEmptyLayers(before), 8);
  EXPECT_EQ(NonEmptyLayers(after), 4);
  EXPECT_TRUE(FindingsOf(after, "IM101").empty()) << after["findings"].dump();
  EXPECT_TRUE(FindingsOf(after, "IM102").empty()) << after["findings"].dump();
  EXPECT_TRUE(FindingsOf(after, "IM201").empty()) << after["findings"].dump();
  std::cout << "fix-wasteful: before " << size_before << " bytes in " << NonEmptyLayers(before) << " layers, after "
            << size_after << " bytes in " << NonEmptyLayers(after) << " layers, saved " << saved << " (lists " << lists
            << ", app " << app << ", apt cache " << apt_cache << ")\n";
}

TEST_F(FixBuild, TheFixedImageStillRunsItsCommandTheSameWay) {
  EXPECT_EQ(RequiredNumber("FIX_WASTEFUL_BEFORE_RUN_EXIT"), 0u);
  EXPECT_EQ(RequiredNumber("FIX_WASTEFUL_AFTER_RUN_EXIT"), 0u);
  const std::string before = FileText(RequiredEnv("FIX_WASTEFUL_BEFORE_RUN_LOG"));
  EXPECT_NE(before.find("wasteful fixture, configuration:"), std::string::npos) << before;
  EXPECT_EQ(FileText(RequiredEnv("FIX_WASTEFUL_AFTER_RUN_LOG")), before);
}

}  // namespace
}  // namespace slimage::integration
