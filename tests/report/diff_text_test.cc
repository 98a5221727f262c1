#include <sstream>

#include <gtest/gtest.h>

#include "diff/diff_test_support.h"
#include "report/diff_report.h"

namespace slimage::report {
namespace {

using slimage::testing::Dir;
using slimage::testing::File;

std::string Render(const diff::DiffSide& a, const diff::DiffSide& b) {
  std::ostringstream out;
  RenderDiffText(a, b, diff::ComputeImageDiff(a, b, {}), out);
  return out.str();
}

TEST(DiffTextTest, DirectoriesReadLikeDu) {
  const auto a = diff::SideOf(diff::ImageOf({{{File("bin/sh", "sh"), File("var/lib/apt/lists/main", std::string(82'900, 'l'))},
                                              {}, "RUN apt-get update"}}));
  const auto b = diff::SideOf(diff::ImageOf({{{File("bin/sh", "sh"), Dir("var/lib/apt/lists")}, {}, "RUN apt-get update"}}));
  const std::string text = Render(a, b);
  EXPECT_NE(text.find("\nDirectories (collapsed to where the change is)\n    -82.9 kB  /var/lib/apt/lists\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  removed (1 path, -82.9 kB):\n      -82.9 kB  /var/lib/apt/lists/main\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  changed    0   0         2 B    -82.9 kB  RUN apt-get update\n"), std::string::npos) << text;
}

TEST(DiffTextTest, ControlBytesInPathsAreEscaped) {
  const auto a = diff::SideOf(diff::ImageOf({{{File("bin/sh", "sh")}, {}, "ADD a"}}));
  const auto b = diff::SideOf(diff::ImageOf({{{File("bin/sh", "sh"), File("evil\x1b[2Jname", "x")}, {}, "ADD a"}}));
  const std::string text = Render(a, b);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text.find("/evil\\x1b[2Jname"), std::string::npos) << text;
}

TEST(DiffTextTest, AnImageAgainstItselfSaysNoChange) {
  const auto a = diff::SideOf(diff::ImageOf({{{File("bin/sh", "sh")}, {}, "ADD a"}}));
  const std::string text = Render(a, a);
  EXPECT_NE(text.find("  size                     2 B           2 B  0 B (+0.0%)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nPaths\n  no change\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nPackages\n  no change\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  same       0   0         2 B              ADD a\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace slimage::report
