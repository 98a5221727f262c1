#include "analysis/layer_breakdown.h"

#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

TEST(BreakDownLayers, WhatEachLayerLeftAndWhatOfItWasHidden) {
  ImageModel model = testing::InMemoryImage()
                         .Layer("ADD base")
                         .File("/bin/sh", 5000)
                         .File("/var/lib/apt/lists/a", 900)
                         .File("/var/lib/apt/lists/b", 100)
                         .EmptyLayer("ENV X=1")
                         .Layer("RUN cleanup")
                         .Whiteout("/var/lib/apt/lists")
                         .File("/bin/sh", 6000)
                         .Build();
  const ImageBreakdown breakdown = BreakDownLayers(model, 2);
  ASSERT_EQ(breakdown.layers.size(), 2u);
  const LayerBreakdown& base = breakdown.layers[0];
  EXPECT_EQ(base.history_index, 0);
  EXPECT_EQ(base.visible_files, 0u);
  EXPECT_EQ(base.wasted_files, 3u);
  EXPECT_EQ(base.wasted_bytes, 6000u);
  ASSERT_EQ(base.wasted.size(), 2u);  // top 2, largest first
  EXPECT_EQ(base.wasted[0].path, "/bin/sh");
  EXPECT_EQ(base.wasted[0].hidden_by, 2);  // history index of the second layer
  EXPECT_EQ(base.wasted[0].how, HiddenHow::kOverwritten);
  EXPECT_EQ(base.wasted[1].path, "/var/lib/apt/lists/a");
  EXPECT_EQ(base.wasted[1].how, HiddenHow::kDeleted);
  const LayerBreakdown& cleanup = breakdown.layers[1];
  EXPECT_EQ(cleanup.history_index, 2);
  EXPECT_EQ(cleanup.visible_files, 1u);
  EXPECT_EQ(cleanup.visible_bytes, 6000u);
  EXPECT_EQ(cleanup.wasted_bytes, 0u);
  ASSERT_EQ(breakdown.top_wasted.size(), 2u);
  EXPECT_EQ(breakdown.top_wasted[0].path, "/bin/sh");
  EXPECT_EQ(breakdown.top_wasted[0].written_by, 0);
}

}  // namespace
}  // namespace slimage::analysis
