#include "diff/image_diff.h"

#include <gtest/gtest.h>

#include "diff/diff_test_support.h"

namespace slimage::diff {
namespace {

using testing::File;
using testing::TestImage;
using testing::TestLayer;

const std::string kStatus = "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nInstalled-Size: 12000\n\n";
const std::string kVim = "Package: vim\nStatus: install ok installed\nVersion: 2:9.0.1378-2\nInstalled-Size: 3900\n\n";

TestLayer Base() {
  return {{File("bin/sh", std::string(100, 's')), File("var/lib/dpkg/status", kStatus)}, {}, "ADD rootfs.tar /"};
}

TEST(ImageDiffTest, TotalsAreSignedWithPercentages) {
  const TestImage a = ImageOf({Base(), {{File("var/lib/apt/lists/main", std::string(4000, 'l'))}, {}, "RUN apt-get update"}});
  const TestImage b = ImageOf({Base()});
  const DiffSide side_a = SideOf(a), side_b = SideOf(b);
  const Totals totals = DiffTotals(side_a.model, side_b.model);
  const uint64_t base = 100 + kStatus.size();
  EXPECT_EQ(totals.size.a, base + 4000);
  EXPECT_EQ(totals.size.b, base);
  EXPECT_EQ(totals.size.delta, -4000);
  ASSERT_TRUE(totals.size.percent);
  EXPECT_DOUBLE_EQ(*totals.size.percent, -400000.0 / static_cast<double>(base + 4000));
  EXPECT_EQ(totals.files.delta, -1);
  EXPECT_EQ(totals.layers.delta, -1);
  EXPECT_EQ(totals.wasted.delta, 0);
  EXPECT_FALSE(totals.wasted.percent);  // a wastes nothing: no percentage of 0
  EXPECT_EQ(totals.compressed_size.delta,
            static_cast<int64_t>(side_b.model.metrics.compressed_size) -
                static_cast<int64_t>(side_a.model.metrics.compressed_size));
}

TEST(ImageDiffTest, PackagesAddedRemovedAndChangedWithTheirSizes) {
  const TestImage a = ImageOf({Base()});
  const TestImage b = ImageOf({Base(),
               {{File("var/lib/dpkg/status",
                      "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9+deb12u1\nInstalled-Size: 12004\n\n" +
                          kVim)},
                {},
                "RUN apt-get install vim"}});
  const std::vector<PackageRow> rows = DiffPackages(SideOf(a).packages, SideOf(b).packages);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "libc6");
  EXPECT_EQ(rows[0].status, PackageStatus::kChanged);
  EXPECT_EQ(*rows[0].a_version, "2.36-9");
  EXPECT_EQ(*rows[0].b_version, "2.36-9+deb12u1");
  EXPECT_EQ(rows[0].a_size, 12000u * 1024);
  EXPECT_EQ(rows[0].b_size, 12004u * 1024);
  EXPECT_EQ(rows[1].name, "vim");
  EXPECT_EQ(rows[1].manager, "dpkg");
  EXPECT_EQ(rows[1].status, PackageStatus::kAdded);
  EXPECT_FALSE(rows[1].a_version);
  EXPECT_EQ(*rows[1].b_version, "2:9.0.1378-2");
  EXPECT_EQ(rows[1].b_size, 3900u * 1024);
  // and back: removed
  const std::vector<PackageRow> back = DiffPackages(SideOf(b).packages, SideOf(a).packages);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].status, PackageStatus::kRemoved);
  EXPECT_EQ(back[1].a_size, 3900u * 1024);
}

analysis::ImageFinding Finding(std::string rule, std::string path, int layer) {
  analysis::ImageFinding finding;
  finding.rule = std::move(rule);
  finding.path = std::move(path);
  finding.layer = layer;
  finding.message = "m";
  return finding;
}

TEST(ImageDiffTest, FindingsMatchByRuleAndPathWhateverTheLayer) {
  const std::vector<analysis::ImageFinding> a = {Finding("IM201", "/var/lib/apt/lists", 2),
                                                 Finding("IM202", "/root/.cache", 3), Finding("IM301", "", 1)};
  const std::vector<analysis::ImageFinding> b = {Finding("IM201", "/var/lib/apt/lists", 4),
                                                 Finding("IM202", "/tmp/x", 3), Finding("IM301", "", 1)};
  const FindingChanges changes = DiffFindings(a, b);
  ASSERT_EQ(changes.added.size(), 1u);
  EXPECT_EQ(changes.added[0].path, "/tmp/x");
  ASSERT_EQ(changes.removed.size(), 1u);
  EXPECT_EQ(changes.removed[0].path, "/root/.cache");
  EXPECT_EQ(changes.removed[0].layer, 3);
}

TEST(ImageDiffTest, ApkAndPipChangesAreSeenToo) {
  const TestImage a = ImageOf({{{File("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nI:600000\n")}, {}, "ADD a"}});
  const TestImage b = ImageOf({{{File("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nI:600000\n\nP:curl\nV:8.5.0-r0\nI:300000\n"),
                 File("usr/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n"),
                 File("usr/lib/python3.11/site-packages/six-1.16.0.dist-info/RECORD", "six.py,,34549\n")},
                {}, "ADD b"}});
  const std::vector<PackageRow> rows = DiffPackages(SideOf(a).packages, SideOf(b).packages);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].manager, "apk");
  EXPECT_EQ(rows[0].name, "curl");
  EXPECT_EQ(rows[0].b_size, 300000u);
  EXPECT_EQ(rows[1].manager, "pip");
  EXPECT_EQ(rows[1].name, "six");
  EXPECT_EQ(rows[1].b_size, 34549u);
}

TEST(ImageDiffTest, AnImageAgainstItselfIsAllSameWithZeroDeltas) {
  const TestImage a = ImageOf({Base(), {{File("var/lib/apt/lists/main", std::string(4000, 'l'))}, {}, "RUN apt-get update"}});
  const DiffSide side = SideOf(a);
  ASSERT_FALSE(side.findings.empty());  // IM201 for the lists: it must not show as a change
  const ImageDiff diff = ComputeImageDiff(side, side, {});
  for (const Change* change : {&diff.totals.size, &diff.totals.compressed_size, &diff.totals.final_size,
                               &diff.totals.wasted, &diff.totals.files, &diff.totals.layers}) {
    EXPECT_EQ(change->delta, 0);
  }
  EXPECT_EQ(diff.totals.efficiency_delta, 0.0);
  ASSERT_EQ(diff.layers.size(), 2u);
  for (const LayerRow& row : diff.layers) EXPECT_EQ(row.status, LayerStatus::kSame);
  EXPECT_EQ(diff.paths.added.count + diff.paths.removed.count + diff.paths.grown.count + diff.paths.shrunk.count +
                diff.paths.modified.count,
            0u);
  EXPECT_TRUE(diff.directories.empty());
  EXPECT_TRUE(diff.packages.empty());
  EXPECT_TRUE(diff.findings.added.empty());
  EXPECT_TRUE(diff.findings.removed.empty());
}

TEST(ImageDiffTest, PackageProblemsOfEitherImageAreInTheResult) {
  const TestImage a = ImageOf({{{File("var/lib/dpkg/status", "garbage\n")}, {}, "ADD a"}});
  const TestImage b = ImageOf({Base()});
  const ImageDiff diff = ComputeImageDiff(SideOf(a), SideOf(b), {});
  ASSERT_EQ(diff.package_problems.size(), 1u);
  EXPECT_EQ(diff.package_problems[0].image, 'a');
  EXPECT_EQ(diff.package_problems[0].problem.message, "line 1: expected 'Field: value'");
  ASSERT_EQ(diff.packages.size(), 1u);  // libc6 "added": a's database could not be read
}

}  // namespace
}  // namespace slimage::diff
