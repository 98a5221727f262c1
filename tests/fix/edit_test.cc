#include "fix/edit.h"

#include <gtest/gtest.h>

namespace slimage::fix {
namespace {

TEST(EditTest, AppliesInsertionsReplacementsAndDeletionsInFileOrder) {
  std::vector<Edit> edits = {{8, 3, "XYZ", 0}, {0, 0, ">", 0}, {4, 1, "", 0}};
  SortEdits(&edits);
  Expected<std::string> out = ApplyEdits("0123456789ab", edits);
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, ">0123567XYZb");
}

TEST(EditTest, InsertionsAtOneOffsetKeepTheirOrder) {
  std::vector<Edit> edits = {{3, 0, " && \\\n", 10}, {3, 0, " && rm x", 0}};
  SortEdits(&edits);
  Expected<std::string> out = ApplyEdits("abc", edits);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "abc && rm x && \\\n");
}

TEST(EditTest, RejectsOverlappingEdits) {
  std::vector<Edit> edits = {{0, 4, "x", 0}, {2, 4, "y", 0}};
  SortEdits(&edits);
  EXPECT_TRUE(AnyOverlap(edits));
  EXPECT_FALSE(ApplyEdits("0123456789", edits));
}

TEST(EditTest, AnInsertionInsideAReplacementOverlapsOneAtItsEdgeDoesNot) {
  EXPECT_TRUE(Overlap({2, 0, "x", 0}, {0, 4, "", 0}));
  EXPECT_FALSE(Overlap({4, 0, "x", 0}, {0, 4, "", 0}));
  EXPECT_FALSE(Overlap({0, 2, "", 0}, {2, 2, "", 0}));
}

TEST(EditTest, RejectsAnEditPastTheEnd) { EXPECT_FALSE(ApplyEdits("abc", {{2, 5, "", 0}})); }

}  // namespace
}  // namespace slimage::fix
