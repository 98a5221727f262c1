// `slimage diff` on pairs of images built by the real dockerd (scripts/integration.sh): apt with
// and without cleanup (fix-wasteful as written and as fixed), a single-stage against a
// multi-stage Go image, and the Debian base without and with vim.
#include <gtest/gtest.h>

#include <set>

#include "integration/it_support.h"

namespace slimage::integration {
namespace {

using nlohmann::json;

class DiffPairs : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = MissingEnvironment(); !missing.empty()) GTEST_SKIP() << missing;
  }
  static std::string Docker(const std::string& name) {
    return "docker://" + (name.find('/') == std::string::npos ? ItEnv("PREFIX").value_or("slimage-it") + "/" + name : name);
  }
  static json Diff(const std::string& a, const std::string& b) {
    ProcessResult run = RunSlimage({"diff", Docker(a), Docker(b), "--format", "json", "--top", "50"},
                                   RunOptions{{{"DOCKER_HOST", RequiredEnv("DOCKER_HOST")}}});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out, nullptr, false);
  }
  static const json* Row(const json& rows, const std::string& key, const std::string& value) {
    for (const json& row : rows) {
      if (row.value(key, "") == value) return &row;
    }
    return nullptr;
  }
};

TEST_F(DiffPairs, AptWithAndWithoutCleanupShowsTheListsGone) {
  const json diff = Diff("fix-wasteful:before", "fix-wasteful:after");
  ASSERT_TRUE(diff.is_object());
  const uint64_t lists = RequiredNumber("FIX_WASTEFUL_BEFORE_APT_LISTS_BYTES");
  // The directory tree collapses to the lists folder, and its delta is what du measured.
  const json* row = Row(diff["directories"], "path", "/var/lib/apt/lists");
  ASSERT_NE(row, nullptr) << diff["directories"].dump(1);
  EXPECT_EQ((*row)["a_size"].get<uint64_t>(), lists);
  EXPECT_EQ((*row)["b_size"].get<uint64_t>(), 0u);
  EXPECT_EQ((*row)["delta"].get<int64_t>(), -static_cast<int64_t>(lists));
  EXPECT_LT(diff["delta"]["size"].get<int64_t>(), -static_cast<int64_t>(lists));  // the late apt cache too
  EXPECT_EQ(diff["delta"]["layers"].get<int64_t>(), -4);
  // The base layer is shared: shown once, as same.
  ASSERT_FALSE(diff["layers"].empty());
  EXPECT_EQ(diff["layers"][0]["status"], "same");
  for (const json& path : diff["paths"]) {
    if (path["path"].get<std::string>().rfind("/var/lib/apt/lists/", 0) == 0) {
      EXPECT_EQ(path["status"], "removed");
    }
  }
  // The findings the fixes removed: IM201 (lists), IM101 (apt clean one layer late), IM102 (chown).
  std::set<std::string> removed;
  for (const json& finding : diff["findings"]["removed"]) removed.insert(finding["rule"].get<std::string>());
  for (const char* rule : {"IM101", "IM102", "IM201"}) EXPECT_EQ(removed.count(rule), 1u) << rule;
  // Nothing new went wrong; IM303's "largest files" ranking moves up once the lists are gone.
  for (const json& finding : diff["findings"]["added"]) EXPECT_EQ(finding["rule"], "IM303") << finding.dump();
}

TEST_F(DiffPairs, SingleStageAgainstMultiStageGoDropsTheToolchain) {
  const json diff = Diff("go-single", "go-static");
  ASSERT_TRUE(diff.is_object());
  const int64_t size_a = diff["a"]["size"].get<int64_t>();
  EXPECT_EQ(diff["delta"]["size"].get<int64_t>(), diff["b"]["size"].get<int64_t>() - size_a);
  EXPECT_EQ(diff["b"]["final_size"].get<uint64_t>(), RequiredNumber("GO_STATIC_FINAL_SIZE"));
  EXPECT_LT(diff["b"]["size"].get<int64_t>(), size_a / 20);  // the toolchain was most of it
  for (const json& layer : diff["layers"]) EXPECT_NE(layer["status"], "same") << layer.dump();  // scratch shares nothing
  const json* go = Row(diff["packages"], "name", "golang-go");
  ASSERT_NE(go, nullptr);
  EXPECT_EQ((*go)["manager"], "dpkg");
  EXPECT_TRUE((*go)["b_version"].is_null());
  const json* hello = Row(diff["paths"], "path", "/hello");
  ASSERT_NE(hello, nullptr);
  EXPECT_EQ((*hello)["status"], "added");
  EXPECT_EQ((*hello)["b_size"].get<uint64_t>(), RequiredNumber("GO_STATIC_BINARY_BYTES"));
  std::set<std::string> removed;
  for (const json& finding : diff["findings"]["removed"]) removed.insert(finding["rule"].get<std::string>());
  EXPECT_EQ(removed.count("IM203"), 1u) << diff["findings"].dump();  // the build toolchain
}

TEST_F(DiffPairs, TheBaseWithVimAddsThePackageWithItsInstalledSize) {
  const json diff = Diff(RequiredEnv("BASE_IMAGE"), "debian-vim");
  ASSERT_TRUE(diff.is_object());
  const json* vim = Row(diff["packages"], "name", "vim");
  ASSERT_NE(vim, nullptr) << diff["packages"].dump(1);
  EXPECT_EQ((*vim)["manager"], "dpkg");
  EXPECT_TRUE((*vim)["a_version"].is_null());
  EXPECT_EQ((*vim)["b_version"], RequiredEnv("VIM_VERSION"));
  EXPECT_EQ((*vim)["b_size"].get<uint64_t>(), RequiredNumber("VIM_INSTALLED_SIZE_KIB") * 1024);
  EXPECT_EQ(diff["layers"][0]["status"], "same");
  EXPECT_EQ(diff["delta"]["layers"].get<int64_t>(), 1);
  EXPECT_NE(Row(diff["paths"], "path", "/usr/bin/vim.basic"), nullptr);
  EXPECT_TRUE(diff["findings"]["added"].is_array());
}

TEST_F(DiffPairs, AnImageAgainstItselfIsAllSame) {
  const json diff = Diff("debian-vim", "debian-vim");
  ASSERT_TRUE(diff.is_object());
  for (const char* field : {"size", "compressed_size", "wasted", "files", "layers"}) {
    EXPECT_EQ(diff["delta"][field].get<int64_t>(), 0) << field;
  }
  for (const json& layer : diff["layers"]) EXPECT_EQ(layer["status"], "same");
  EXPECT_TRUE(diff["paths"].empty());
  EXPECT_TRUE(diff["packages"].empty());
}

}  // namespace
}  // namespace slimage::integration
