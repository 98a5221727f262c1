#include "diff/delta_tree.h"

#include <map>

#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::diff {
namespace {

// name -> (group, bytes, delta) of the files directly in `node`.
std::map<std::string, std::tuple<int, uint64_t, int64_t>> Files(const analysis::SizeNode& node) {
  std::map<std::string, std::tuple<int, uint64_t, int64_t>> files;
  for (const auto& child : node.children) {
    if (child.group >= 0 && !child.aggregate) files[child.name] = {child.group, child.bytes, child.delta};
  }
  return files;
}

TEST(DeltaTree, EachFileOfBByHowItChangedAndAsFilesAsGhosts) {
  analysis::ImageModel a = testing::InMemoryImage()
                               .Layer("ADD base")
                               .File("/d/same", 50000, 7)
                               .File("/d/grown", 10000)
                               .File("/d/shrunk", 40000)
                               .File("/d/modified", 20000, 1)
                               .File("/d/removed", 30000)
                               .File("/d/now-a-link", 25000)
                               .Build();
  analysis::ImageModel b = testing::InMemoryImage()
                               .Layer("ADD base")
                               .File("/d/same", 50000, 7)
                               .File("/d/grown", 15000)
                               .File("/d/shrunk", 30000)
                               .File("/d/modified", 20000, 2)
                               .File("/d/added", 60000)
                               .Symlink("/d/now-a-link", "same")
                               .Build();
  const analysis::SizeTree tree = DeltaTree(a, b);
  ASSERT_EQ(tree.root.children.size(), 1u);
  const auto files = Files(tree.root.children[0]);
  using Row = std::tuple<int, uint64_t, int64_t>;
  EXPECT_EQ(files.at("same"), Row(0, 50000, 0));
  EXPECT_EQ(files.at("added"), Row(1, 60000, 60000));
  EXPECT_EQ(files.at("grown"), Row(2, 15000, 5000));
  EXPECT_EQ(files.at("shrunk"), Row(3, 30000, -10000));
  EXPECT_EQ(files.at("modified"), Row(4, 20000, 0));
  EXPECT_EQ(files.at("removed"), Row(5, 30000, -30000));
  EXPECT_EQ(files.at("now-a-link"), Row(5, 25000, -25000));  // no longer a regular file
  // b's regular files plus the ghosts
  EXPECT_EQ(tree.root.bytes, 50000u + 15000 + 30000 + 20000 + 60000 + 30000 + 25000);
  EXPECT_EQ(tree.root.delta, 5000 - 10000 + 60000 - 30000 - 25000);
  EXPECT_STREQ(DeltaKindName(DeltaKind::kRemoved), "removed");
}

}  // namespace
}  // namespace slimage::diff
