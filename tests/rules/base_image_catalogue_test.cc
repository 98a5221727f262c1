// The compiled-in catalogue must equal data/base-images.tsv (regenerate with
// scripts/gen-base-images.sh after editing the TSV).
#include "rules/base_image_catalogue.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_cli.h"

namespace slimage::rules {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, '\t')) fields.push_back(field);
  return fields;
}

TEST(BaseImageCatalogueTest, EqualsTheTsvRowForRow) {
  std::ifstream in(testing::SourcePath("data/base-images.tsv"));
  ASSERT_TRUE(in) << "data/base-images.tsv is missing";
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = SplitTabs(line);
  ASSERT_GE(header.size(), 7u);
  EXPECT_EQ(header[4], "compressed_bytes");
  EXPECT_EQ(header[6], "source_date");
  std::span<const BaseImageSize> rows = BaseImageCatalogue();
  size_t index = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields = SplitTabs(line);
    ASSERT_GE(fields.size(), 7u) << line;
    ASSERT_LT(index, rows.size()) << "the catalogue lacks: " << line;
    const BaseImageSize& row = rows[index++];
    EXPECT_EQ(row.family, fields[0]);
    EXPECT_EQ(row.tag, fields[1]);
    EXPECT_EQ(row.variant, fields[2]);
    EXPECT_EQ(row.platform, fields[3]);
    EXPECT_EQ(row.compressed_bytes, std::stoull(fields[4]));
    EXPECT_EQ(row.date, fields[6]);
  }
  EXPECT_EQ(index, rows.size());
  EXPECT_EQ(rows.size(), 58u);  // SOURCE.md: "It has 58 rows"
}

TEST(BaseImageCatalogueTest, FindsByFamilyTagAndPlatform) {
  // Figures from data/base-images.tsv, typed by hand.
  std::optional<BaseImageSize> slim = FindBaseImageSize("node", "24-slim");
  ASSERT_TRUE(slim);
  EXPECT_EQ(slim->compressed_bytes, 80815687u);
  EXPECT_EQ(slim->date, "2026-09-19");
  std::optional<BaseImageSize> arm = FindBaseImageSize("node", "24-slim", "linux/arm64");
  ASSERT_TRUE(arm);
  EXPECT_EQ(arm->compressed_bytes, 80685085u);
  EXPECT_FALSE(FindBaseImageSize("node", "20"));
  EXPECT_FALSE(FindBaseImageSize("python", "3.14-slim", "linux/arm64"));  // amd64 only in the table
}

// SL201's openjdk, .NET, CUDA and PyTorch ladders have no sourced sizes (SOURCE.md, "Ladders
// with no sourced sizes"): the catalogue must not gain a figure for them without a source.
TEST(BaseImageCatalogueTest, HasNoUnsourcedRowsForTheSdkLadders) {
  for (const BaseImageSize& row : BaseImageCatalogue()) {
    EXPECT_NE(row.family, "openjdk") << row.tag;
    EXPECT_NE(row.family, "nvidia/cuda") << row.tag;
    EXPECT_NE(row.family, "pytorch/pytorch") << row.tag;
    EXPECT_NE(row.family.substr(0, 18), "mcr.microsoft.com/") << row.tag;
  }
  std::string source = testing::ReadFileBytes(testing::SourcePath("data/base-images.SOURCE.md"));
  EXPECT_NE(source.find("## Ladders with no sourced sizes"), std::string::npos);
  // The eclipse-temurin JREs the openjdk ladder ends on are sourced.
  EXPECT_TRUE(FindBaseImageSize("eclipse-temurin", "25-jre"));
  EXPECT_TRUE(FindBaseImageSize("eclipse-temurin", "25-jre-alpine"));
  EXPECT_FALSE(FindBaseImageSize("eclipse-temurin", "21-jre"));
}

}  // namespace
}  // namespace slimage::rules
