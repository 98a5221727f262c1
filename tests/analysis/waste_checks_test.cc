#include "analysis/waste_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using slimage::testing::InMemoryImage;

TEST(WastedBytesTest, DeletedInALaterLayer) {
  const ImageModel model = InMemoryImage()
                               .Layer("RUN apt-get update")
                               .Dir("/var/lib/apt/lists")
                               .File("/var/lib/apt/lists/a_Packages", 40000000)
                               .File("/var/lib/apt/lists/b_Packages", 5000000)
                               .File("/keep", 7)
                               .Layer("RUN rm -rf /var/lib/apt/lists")
                               .Whiteout("/var/lib/apt/lists")
                               .Build();
  const std::vector<ImageFinding> findings = CheckWastedBytes(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  const ImageFinding& finding = findings[0];
  EXPECT_EQ(finding.rule, "IM101");
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_EQ(finding.bytes, 45000000u);  // the directory's summary is not counted twice
  EXPECT_EQ(finding.layer, 0);
  EXPECT_EQ(finding.path, "/var/lib/apt/lists");
  EXPECT_EQ(finding.message,
            "wasted: written by layer 0 (RUN apt-get update) and hidden (deleted) by layer 1 "
            "(RUN rm -rf /var/lib/apt/lists)");
  // The directory is listed once, not each file beneath it.
  EXPECT_THAT(finding.details, ElementsAre("/var/lib/apt/lists 45.0 MB"));
}

TEST(WastedBytesTest, OverwrittenAndOpaqueFromDifferentLayersAreSeparateFindings) {
  const ImageModel model = InMemoryImage()
                               .Layer("A")
                               .File("/app/x", 1000)
                               .Dir("/data")
                               .File("/data/y", 3000)
                               .Layer("B")
                               .File("/app/x", 1000)
                               .Layer("C")
                               .Opaque("/data")
                               .Build();
  const std::vector<ImageFinding> findings = CheckWastedBytes(model, 10);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].bytes, 3000u);  // largest first
  EXPECT_EQ(findings[0].path, "/data/y");
  EXPECT_EQ(findings[0].message, "wasted: written by layer 0 (A) and hidden (opaque-dir) by layer 2 (C)");
  EXPECT_EQ(findings[1].bytes, 1000u);
  EXPECT_EQ(findings[1].message, "wasted: written by layer 0 (A) and hidden (overwritten) by layer 1 (B)");
}

TEST(WastedBytesTest, NothingHiddenNothingReported) {
  const ImageModel model = InMemoryImage().Layer("A").File("/a", 5).Layer("B").File("/b", 5).Build();
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
}

TEST(DuplicatedContentTest, ChownAfterCopyStoresTheFileAgain) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY data /data")
                               .File("/data/model.bin", 20000000, 42, 0644, 0)
                               .File("/data/other", 10, 43)
                               .Layer("RUN chown -R app /data")
                               .File("/data/model.bin", 20000000, 42, 0644, 1000)
                               .Build();
  const std::vector<ImageFinding> findings = CheckDuplicatedContent(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "IM102");
  EXPECT_EQ(findings[0].bytes, 20000000u);
  EXPECT_EQ(findings[0].layer, 1);
  EXPECT_EQ(findings[0].path, "/data/model.bin");
  EXPECT_EQ(findings[0].message,
            "stored twice: layer 1 (RUN chown -R app /data) rewrote the same content with a new owner that "
            "layer 0 (COPY data /data) already holds");
  EXPECT_THAT(findings[0].details,
              ElementsAre("/data/model.bin 20.0 MB", "stored again by layer 1 (RUN chown -R app /data)"));
}

TEST(DuplicatedContentTest, LookAlikesAreNotDuplicates) {
  const ImageModel model = InMemoryImage()
                               .Layer("A")
                               .File("/changed", 100, 1)
                               .File("/deleted", 100, 2)
                               .Layer("B")
                               .File("/changed", 100, 9)  // same size, new content
                               .Whiteout("/deleted")
                               .Layer("C")
                               .File("/deleted", 100, 2)  // back after a delete: not a rewrite
                               .Build();
  EXPECT_THAT(CheckDuplicatedContent(model, 10), IsEmpty());
}

TEST(DuplicatedContentTest, IdenticalRecopy) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY a /a")
                               .File("/a", 5000, 7)
                               .Layer("COPY a /a")
                               .File("/a", 5000, 7)
                               .Build();
  const std::vector<ImageFinding> findings = CheckDuplicatedContent(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "stored twice: layer 1 (COPY a /a) rewrote identical files that layer 0 (COPY a /a) already holds");
}

}  // namespace
}  // namespace slimage::analysis
