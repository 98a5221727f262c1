#include <gtest/gtest.h>

#include "diff/diff_test_support.h"

namespace slimage::diff {
namespace {

using testing::File;
using testing::TestImage;
using testing::TestLayer;

TestLayer Base() { return {{File("bin/sh", std::string(100, 's')), File("etc/os-release", "ID=debian\n")}, {}, "ADD rootfs.tar /"}; }

TEST(LayerDiffTest, SharedLayersAreSameAndARebuiltLayerWithTheSameInstructionIsChanged) {
  const TestImage a = ImageOf({Base(), {{File("app/main", std::string(1000, 'a'))}, {}, "COPY main /app/"}});
  const TestImage b = ImageOf({Base(), {{File("app/main", std::string(1500, 'b'))}, {}, "COPY main /app/"}});
  const std::vector<LayerRow> rows = DiffLayers(SideOf(a).model, SideOf(b).model);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].status, LayerStatus::kSame);
  EXPECT_EQ(rows[0].a_size, 110u);
  EXPECT_EQ(rows[0].b_size, 110u);
  EXPECT_EQ(rows[0].delta, 0);
  EXPECT_EQ(rows[0].created_by, "ADD rootfs.tar /");
  EXPECT_EQ(rows[1].status, LayerStatus::kChanged);
  EXPECT_EQ(*rows[1].a_index, 1);
  EXPECT_EQ(*rows[1].b_index, 1);
  EXPECT_EQ(rows[1].a_size, 1000u);
  EXPECT_EQ(rows[1].b_size, 1500u);
  EXPECT_EQ(rows[1].delta, 500);
}

TEST(LayerDiffTest, OtherInstructionsAreRemovedAndAddedSideBySide) {
  const TestImage a = ImageOf({Base(), {{File("var/lib/apt/lists/x", std::string(900, 'x'))}, {}, "RUN apt-get update"},
               {{File("app/a", "a")}, {}, "COPY a /app/"}});
  const TestImage b = ImageOf({Base(), {{File("usr/bin/vim", std::string(300, 'v'))}, {}, "RUN apt-get install vim"},
               {{File("app/a", "a")}, {}, "COPY a /app/"}, {{File("app/b", "bb")}, {}, "COPY b /app/"}});
  const std::vector<LayerRow> rows = DiffLayers(SideOf(a).model, SideOf(b).model);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].status, LayerStatus::kSame);
  EXPECT_EQ(rows[1].status, LayerStatus::kRemoved);
  EXPECT_EQ(rows[1].created_by, "RUN apt-get update");
  EXPECT_EQ(*rows[1].a_index, 1);
  EXPECT_FALSE(rows[1].b_index);
  EXPECT_EQ(rows[1].delta, -900);
  EXPECT_EQ(rows[2].status, LayerStatus::kAdded);
  EXPECT_EQ(rows[2].created_by, "RUN apt-get install vim");
  EXPECT_EQ(rows[2].delta, 300);
  EXPECT_EQ(rows[3].status, LayerStatus::kSame);  // the same COPY, same bytes, above a different layer
  EXPECT_EQ(*rows[3].a_index, 2);
  EXPECT_EQ(*rows[3].b_index, 2);
  EXPECT_EQ(rows[4].status, LayerStatus::kAdded);
  EXPECT_EQ(*rows[4].b_index, 3);
}

TEST(LayerDiffTest, AnImageAgainstItselfIsAllSame) {
  const TestImage a = ImageOf({Base(), {{File("app/a", "a")}, {}, "COPY a /app/"}}, {"ENV A=1"});
  const DiffSide side = SideOf(a);
  const std::vector<LayerRow> rows = DiffLayers(side.model, side.model);
  ASSERT_EQ(rows.size(), 2u);
  for (const LayerRow& row : rows) {
    EXPECT_EQ(row.status, LayerStatus::kSame);
    EXPECT_EQ(row.delta, 0);
    EXPECT_EQ(row.a_index, row.b_index);
  }
  EXPECT_EQ(*rows[0].a_index, 1);  // history indexes: the ENV entry comes first
}

}  // namespace
}  // namespace slimage::diff
