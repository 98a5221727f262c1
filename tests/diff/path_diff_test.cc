#include <gtest/gtest.h>

#include "diff/diff_test_support.h"

namespace slimage::diff {
namespace {

using testing::Dir;
using testing::File;
using testing::Symlink;
using testing::TestImage;

TEST(PathDiffTest, GroupsAddedRemovedGrownShrunkAndSameSizeChanges) {
  const TestImage a = ImageOf({{{File("etc/passwd", "root:x:0:0\n"), File("usr/bin/old", std::string(400, 'o')),
                 File("usr/lib/libgrow.so", std::string(100, 'g')), File("usr/lib/libshrink.so", std::string(800, 's')),
                 Symlink("usr/bin/vi", "old"), File("same", "same")},
                {}, "ADD a"}});
  const TestImage b = ImageOf({{{File("etc/passwd", "ROOT:x:0:0\n"), File("usr/bin/new", std::string(700, 'n')),
                 File("usr/bin/new2", std::string(50, 'n')), File("usr/lib/libgrow.so", std::string(160, 'g')),
                 File("usr/lib/libshrink.so", std::string(200, 's')), Symlink("usr/bin/vi", "new"), File("same", "same")},
                {}, "ADD b"}});
  const std::vector<PathRow> changed = ChangedPaths(SideOf(a).model, SideOf(b).model);
  const PathChanges groups = GroupPaths(changed, 1);
  EXPECT_EQ(groups.added.count, 2u);
  EXPECT_EQ(groups.added.bytes, 750);
  ASSERT_EQ(groups.added.top.size(), 1u);  // --top 1
  EXPECT_EQ(groups.added.top[0].path, "/usr/bin/new");
  EXPECT_EQ(groups.added.top[0].b_type, "file");
  EXPECT_EQ(groups.added.top[0].a_type, "");
  ASSERT_EQ(groups.removed.count, 1u);
  EXPECT_EQ(groups.removed.top[0].path, "/usr/bin/old");
  EXPECT_EQ(groups.removed.top[0].delta, -400);
  ASSERT_EQ(groups.grown.count, 1u);
  EXPECT_EQ(groups.grown.top[0].path, "/usr/lib/libgrow.so");
  EXPECT_EQ(groups.grown.top[0].delta, 60);
  ASSERT_EQ(groups.shrunk.count, 1u);
  EXPECT_EQ(groups.shrunk.top[0].delta, -600);
  // Same size, other bytes (content hash) and another link target; "/same" is unchanged.
  ASSERT_EQ(groups.modified.count, 2u);
  EXPECT_EQ(groups.modified.top[0].path, "/etc/passwd");
  EXPECT_EQ(GroupPaths(changed, 10).modified.top[1].path, "/usr/bin/vi");
}

TEST(PathDiffTest, DirectoriesCollapseToWhereTheChangeIs) {
  const TestImage a = ImageOf({{{File("var/lib/apt/lists/deb_main", std::string(9000, 'l')),
                 File("var/lib/apt/lists/deb_updates", std::string(1000, 'l')), File("usr/bin/sh", "sh")},
                {}, "ADD a"}});
  const TestImage b = ImageOf({{{Dir("var/lib/apt/lists"), File("usr/bin/sh", "sh")}, {}, "ADD b"}});
  const DiffSide side_a = SideOf(a), side_b = SideOf(b);
  std::vector<DirectoryRow> rows = CollapseDirectories(ChangedPaths(side_a.model, side_b.model), side_a.model,
                                                       side_b.model, 10);
  ASSERT_EQ(rows.size(), 1u);  // "/", "/var", "/var/lib", "/var/lib/apt" only pass the change through
  EXPECT_EQ(rows[0].path, "/var/lib/apt/lists");
  EXPECT_EQ(rows[0].a_size, 10000u);
  EXPECT_EQ(rows[0].b_size, 0u);
  EXPECT_EQ(rows[0].delta, -10000);
  EXPECT_EQ(rows[0].depth, 0);

  const TestImage c = ImageOf({{{Dir("var/lib/apt/lists"), File("usr/bin/sh", "sh"), File("usr/bin/vim", std::string(3000, 'v')),
                 File("usr/share/vim/vimrc", std::string(500, 'r'))},
                {}, "ADD c"}});
  const DiffSide side_c = SideOf(c);
  rows = CollapseDirectories(ChangedPaths(side_a.model, side_c.model), side_a.model, side_c.model, 10);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].path, "/");
  EXPECT_EQ(rows[0].delta, -6500);
  EXPECT_EQ(rows[1].path, "/usr");
  EXPECT_EQ(rows[1].delta, 3500);
  EXPECT_EQ(rows[1].depth, 1);
  EXPECT_EQ(rows[2].path, "/usr/bin");
  EXPECT_EQ(rows[2].depth, 2);
  EXPECT_EQ(rows[3].path, "/usr/share/vim");  // /usr/share passes its change through
  EXPECT_EQ(rows[3].depth, 2);
  EXPECT_EQ(rows[4].path, "/var/lib/apt/lists");
  EXPECT_EQ(rows[4].depth, 1);
  // --top 2 keeps the two largest changes.
  rows = CollapseDirectories(ChangedPaths(side_a.model, side_c.model), side_a.model, side_c.model, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].path, "/");
  EXPECT_EQ(rows[1].path, "/var/lib/apt/lists");
}

TEST(PathDiffTest, AnImageAgainstItselfChangesNoPath) {
  const TestImage a = ImageOf({{{File("usr/bin/sh", "sh"), Symlink("bin", "usr/bin")}, {}, "ADD a"}});
  const DiffSide side = SideOf(a);
  EXPECT_TRUE(ChangedPaths(side.model, side.model).empty());
}

}  // namespace
}  // namespace slimage::diff
