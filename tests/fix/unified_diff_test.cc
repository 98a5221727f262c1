#include "fix/unified_diff.h"

#include <gtest/gtest.h>

namespace slimage::fix {
namespace {

TEST(UnifiedDiffTest, OneAppendedCommandIsOneHunkWithContext) {
  std::string original = "FROM a\nRUN x\nCMD y\n";
  std::string diff = UnifiedDiff("Dockerfile", original, {{12, 0, " && z", 0}});
  EXPECT_EQ(diff,
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM a\n-RUN x\n+RUN x && z\n CMD y\n");
}

TEST(UnifiedDiffTest, ADeletedLineShiftsTheLaterHunks) {
  std::string original;
  for (int i = 1; i <= 20; ++i) original += "L" + std::to_string(i) + "\n";
  // delete L2, then change L18 -> X
  size_t l2 = original.find("L2\n");
  size_t l18 = original.find("L18");
  std::string diff = UnifiedDiff("f", original, {{l2, 3, "", 0}, {l18, 3, "X", 0}});
  EXPECT_NE(diff.find("@@ -1,5 +1,4 @@\n L1\n-L2\n L3\n"), std::string::npos) << diff;
  EXPECT_NE(diff.find("@@ -15,6 +14,6 @@\n L15\n L16\n L17\n-L18\n+X\n L19\n L20\n"), std::string::npos) << diff;
}

TEST(UnifiedDiffTest, MarksALastLineWithoutNewline) {
  std::string diff = UnifiedDiff("f", "RUN x", {{5, 0, " && y", 0}});
  EXPECT_EQ(diff, "--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-RUN x\n\\ No newline at end of file\n+RUN x && y\n\\ No newline at end of file\n");
}

TEST(UnifiedDiffTest, KeepsCarriageReturns) {
  std::string diff = UnifiedDiff("f", "RUN x\r\n", {{5, 0, " y", 0}});
  EXPECT_EQ(diff, "--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-RUN x\r\n+RUN x y\r\n");
}

TEST(UnifiedDiffTest, NoEditsNoDiff) { EXPECT_EQ(UnifiedDiff("f", "RUN x\n", {}), ""); }

}  // namespace
}  // namespace slimage::fix
