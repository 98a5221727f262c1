#include "analysis/size_tree.h"

#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

const SizeNode* Child(const SizeNode& node, const std::string& name) {
  for (const SizeNode& child : node.children) {
    if (!child.aggregate && child.name == name) return &child;
  }
  return nullptr;
}

uint64_t LeafBytes(const SizeNode& node) {
  if (node.group >= 0) return node.bytes;
  uint64_t sum = 0;
  for (const SizeNode& child : node.children) sum += LeafBytes(child);
  return sum;
}

TEST(SmallFileThreshold, IsTheTotalOverTheShownFilesRoundedUpAndAtLeastOne) {
  EXPECT_EQ(SmallFileThreshold(0), 1u);
  EXPECT_EQ(SmallFileThreshold(1), 1u);
  EXPECT_EQ(SmallFileThreshold(kMaxShownFiles * 10), 10u);
  EXPECT_EQ(SmallFileThreshold(kMaxShownFiles * 10 + 1), 11u);
}

TEST(BuildSizeTree, BigFilesAreNodesSmallOnesOneAggregatePerDirectoryAndGroup) {
  const SizeTree tree = BuildSizeTree({{"/usr/bin/big", 1000, 1, 0},
                                       {"/usr/bin/a", 10, 1, 0},
                                       {"/usr/bin/b", 20, 1, 0},
                                       {"/usr/bin/c", 30, 2, 0},
                                       {"/usr/bin/empty", 0, 2, 0}},
                                      100);
  EXPECT_EQ(tree.root.bytes, 1060u);
  EXPECT_EQ(tree.root.files, 5u);
  const SizeNode* bin = Child(*Child(tree.root, "usr"), "bin");
  ASSERT_NE(bin, nullptr);
  ASSERT_EQ(bin->children.size(), 3u);
  EXPECT_EQ(bin->children[0].name, "big");  // largest first
  EXPECT_EQ(bin->children[0].group, 1);
  EXPECT_FALSE(bin->children[0].aggregate);
  // group 1: a and b; group 2: c and the empty file
  EXPECT_TRUE(bin->children[1].aggregate);
  EXPECT_EQ(bin->children[1].bytes, 30u);
  EXPECT_EQ(bin->children[1].files, 2u);
  EXPECT_TRUE(bin->children[2].aggregate);
  EXPECT_EQ(bin->children[2].bytes, 30u);
  EXPECT_EQ(bin->children[2].files, 2u);
  EXPECT_EQ(tree.shown_files, 1u);
  EXPECT_EQ(tree.aggregates, 2u);
}

TEST(BuildSizeTree, ADirectoryBelowTheThresholdFoldsIntoItsParentsAggregates) {
  const SizeTree tree = BuildSizeTree({{"/a/big", 500, 0, 0}, {"/a/doc/x/1", 10, 0, 0}, {"/a/doc/y/2", 20, 3, 0},
                                       {"/a/small", 5, 0, 0}},
                                      100);
  const SizeNode* a = Child(tree.root, "a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(Child(*a, "doc"), nullptr);
  ASSERT_EQ(a->children.size(), 3u);
  EXPECT_EQ(a->children[1].bytes, 20u);  // group 3
  EXPECT_EQ(a->children[2].bytes, 15u);  // group 0: /a/doc/x/1 and /a/small
  EXPECT_EQ(a->children[2].files, 2u);
  EXPECT_EQ(LeafBytes(tree.root), 535u);
}

TEST(BuildSizeTree, APathThatIsAFileAndADirectoryKeepsBoth) {
  // A diff's union: "/x" a file in image a, a directory in image b.
  const SizeTree tree = BuildSizeTree({{"/x", 300, 5, -300}, {"/x/y", 400, 1, 400}}, 100);
  ASSERT_EQ(tree.root.children.size(), 2u);
  EXPECT_EQ(tree.root.bytes, 700u);
  EXPECT_EQ(tree.root.delta, 100);
  EXPECT_EQ(LeafBytes(tree.root), 700u);
}

TEST(FinalFilesystemTree, AddsUpToTheFinalSizeGroupedByHistoryIndex) {
  ImageModel model = testing::InMemoryImage()
                         .EmptyLayer("ENV A=1")
                         .Layer("ADD base")
                         .File("/bin/sh", 5000)
                         .Symlink("/bin/bash", "sh")
                         .Layer("RUN install")
                         .File("/usr/lib/libx.so", 80000)
                         .File("/tmp/junk", 700)
                         .Whiteout("/tmp/junk")
                         .Build();
  const SizeTree tree = FinalFilesystemTree(model);
  EXPECT_EQ(tree.root.bytes, 85000u);  // regular files only, as metrics.final_size counts them
  EXPECT_EQ(tree.root.files, 2u);
  const SizeNode* lib = Child(*Child(tree.root, "usr"), "lib");
  ASSERT_NE(lib, nullptr);
  ASSERT_EQ(lib->children.size(), 1u);
  EXPECT_EQ(lib->children[0].group, 2);  // history entry 2: ENV, ADD, RUN
  EXPECT_EQ(Child(*Child(tree.root, "bin"), "sh")->group, 1);
}

}  // namespace
}  // namespace slimage::analysis
