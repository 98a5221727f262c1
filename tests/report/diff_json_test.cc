#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "diff/diff_test_support.h"
#include "report/diff_report.h"

namespace slimage::report {
namespace {

using slimage::testing::File;
using slimage::testing::TestImage;
using slimage::testing::TestLayer;

const std::string kStatus = "Package: libc6\nVersion: 2.36-9\nInstalled-Size: 12000\n";

TestLayer Base() {
  return {{File("bin/sh", std::string(100, 's')), File("var/lib/dpkg/status", kStatus)}, {}, "ADD rootfs.tar /"};
}

nlohmann::json Render(const diff::DiffSide& a, const diff::DiffSide& b) {
  const diff::ImageDiff result = diff::ComputeImageDiff(a, b, {});
  std::ostringstream out;
  RenderDiffJson(a, b, result, out);
  return nlohmann::json::parse(out.str());
}

TEST(DiffJsonTest, EveryFieldOfCliMd) {
  const TestImage a = diff::ImageOf({Base(), {{File("app/main", std::string(1000, 'a')), File("app/old", "old")}, {}, "COPY . /app/"}});
  const TestImage b = diff::ImageOf({Base(),
               {{File("app/main", std::string(1500, 'b')), File("var/lib/dpkg/status", kStatus + "\nPackage: vim\nVersion: 9\nInstalled-Size: 4\n")},
                {},
                "COPY . /app/"}});
  const diff::DiffSide side_a = diff::SideOf(a), side_b = diff::SideOf(b);
  const nlohmann::json doc = Render(side_a, side_b);
  EXPECT_EQ(doc["tool"]["name"], "slimage");
  EXPECT_EQ(doc["a"]["size"], side_a.model.metrics.size);
  EXPECT_EQ(doc["a"]["files"], 4);
  EXPECT_EQ(doc["b"]["final_size"], side_b.model.metrics.final_size);
  EXPECT_EQ(doc["b"]["has_shell"], true);
  const int64_t size_delta = static_cast<int64_t>(side_b.model.metrics.size) - static_cast<int64_t>(side_a.model.metrics.size);
  EXPECT_EQ(doc["delta"]["size"], size_delta);
  EXPECT_EQ(doc["delta"]["compressed_size"], static_cast<int64_t>(side_b.model.metrics.compressed_size) -
                                                 static_cast<int64_t>(side_a.model.metrics.compressed_size));
  EXPECT_EQ(doc["delta"]["wasted"], static_cast<int64_t>(side_b.model.metrics.wasted) -
                                        static_cast<int64_t>(side_a.model.metrics.wasted));
  EXPECT_EQ(doc["delta"]["files"], -1);  // /app/old
  EXPECT_EQ(doc["delta"]["layers"], 0);
  EXPECT_DOUBLE_EQ(doc["percent"]["size"].get<double>(),
                   100.0 * static_cast<double>(size_delta) / static_cast<double>(side_a.model.metrics.size));

  ASSERT_EQ(doc["layers"].size(), 2u);
  const auto& same = doc["layers"][0];
  EXPECT_EQ(same["status"], "same");
  EXPECT_EQ(same["a_index"], 0);
  EXPECT_EQ(same["b_index"], 0);
  EXPECT_EQ(same["size"], 100 + kStatus.size());
  EXPECT_EQ(same["delta"], 0);
  EXPECT_EQ(same["created_by"], "ADD rootfs.tar /");
  EXPECT_EQ(same["diff_id"], side_a.model.layers[0].diff_id);
  const auto& changed = doc["layers"][1];
  EXPECT_EQ(changed["status"], "changed");
  EXPECT_EQ(changed["a_size"], 1003);
  EXPECT_EQ(changed["b_size"], side_b.model.layers[1].stats.size);
  EXPECT_EQ(changed["size"], side_b.model.layers[1].stats.size);

  ASSERT_FALSE(doc["directories"].empty());
  EXPECT_TRUE(doc["directories"][0].contains("path"));
  EXPECT_TRUE(doc["directories"][0].contains("a_size"));
  EXPECT_TRUE(doc["directories"][0].contains("b_size"));
  EXPECT_TRUE(doc["directories"][0].contains("delta"));

  // paths: /app/old removed, /app/main grown, /var/lib/dpkg/status grown
  ASSERT_EQ(doc["paths"].size(), 3u);
  const auto& removed = doc["paths"][0];
  EXPECT_EQ(removed["path"], "/app/old");
  EXPECT_EQ(removed["status"], "removed");
  EXPECT_EQ(removed["kind"], "removed");
  EXPECT_EQ(removed["a_type"], "file");
  EXPECT_TRUE(removed["b_type"].is_null());
  EXPECT_EQ(removed["a_size"], 3);
  EXPECT_EQ(removed["b_size"], 0);
  EXPECT_EQ(removed["delta"], -3);
  const auto& grown = doc["paths"][1];
  EXPECT_EQ(grown["path"], "/app/main");
  EXPECT_EQ(grown["status"], "changed");
  EXPECT_EQ(grown["kind"], "grown");
  EXPECT_EQ(grown["delta"], 500);
  EXPECT_EQ(doc["path_totals"]["grown"]["count"], 2);
  EXPECT_EQ(doc["path_totals"]["removed"]["bytes"], -3);

  ASSERT_EQ(doc["packages"].size(), 1u);
  const auto& vim = doc["packages"][0];
  EXPECT_EQ(vim["manager"], "dpkg");
  EXPECT_EQ(vim["name"], "vim");
  EXPECT_EQ(vim["status"], "added");
  EXPECT_TRUE(vim["a_version"].is_null());
  EXPECT_EQ(vim["b_version"], "9");
  EXPECT_EQ(vim["a_size"], 0);
  EXPECT_EQ(vim["b_size"], 4096);
  EXPECT_TRUE(doc["package_problems"].empty());
  EXPECT_TRUE(doc["findings"]["added"].is_array());
  EXPECT_TRUE(doc["findings"]["removed"].is_array());
}

TEST(DiffJsonTest, FindingsAndProblemsAsAnalyzePrintsThem) {
  const TestImage a = diff::ImageOf({Base(), {{File("var/lib/apt/lists/main", std::string(4000, 'l'))}, {}, "RUN apt-get update"}});
  const TestImage b = diff::ImageOf({{{File("bin/sh", "sh"), File("var/lib/dpkg/status", "nonsense\n")}, {}, "ADD other.tar /"}});
  const diff::DiffSide side_a = diff::SideOf(a), side_b = diff::SideOf(b);
  const nlohmann::json doc = Render(side_a, side_b);
  ASSERT_EQ(doc["package_problems"].size(), 1u);
  EXPECT_EQ(doc["package_problems"][0]["image"], "b");
  EXPECT_EQ(doc["package_problems"][0]["manager"], "dpkg");
  EXPECT_EQ(doc["package_problems"][0]["path"], "/var/lib/dpkg/status");
  EXPECT_EQ(doc["package_problems"][0]["message"], "line 1: expected 'Field: value'");
  // a's apt lists finding went away; it is printed as analyze prints it.
  const analysis::ImageFinding* lists = nullptr;
  for (const auto& finding : side_a.findings) {
    if (finding.rule == "IM201") lists = &finding;
  }
  ASSERT_NE(lists, nullptr);
  const nlohmann::json* printed = nullptr;
  for (const auto& finding : doc["findings"]["removed"]) {
    if (finding["rule"] == "IM201") printed = &finding;
  }
  ASSERT_NE(printed, nullptr);
  EXPECT_EQ((*printed)["severity"], "warning");
  EXPECT_EQ((*printed)["layer"], *lists->layer);
  EXPECT_EQ((*printed)["path"], lists->path);
  EXPECT_EQ((*printed)["bytes"], lists->bytes);
  EXPECT_EQ((*printed)["message"], lists->message);
  for (const auto& finding : doc["findings"]["added"]) EXPECT_NE(finding["rule"], "IM201");
  ASSERT_EQ(doc["layers"].size(), 3u);
  EXPECT_EQ(doc["layers"][0]["status"], "removed");
  EXPECT_TRUE(doc["layers"][0]["b_index"].is_null());
  EXPECT_EQ(doc["layers"][1]["status"], "added");
  EXPECT_EQ(doc["layers"][2]["status"], "removed");
}

}  // namespace
}  // namespace slimage::report
