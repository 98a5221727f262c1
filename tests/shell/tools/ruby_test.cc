#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(RubyRecognizer, GemAndBundle) {
  auto analysis = Analyze(
      "gem install -N bundler -v 2.4.0 && gem install rails --no-document && bundle install --jobs 4 "
      "--without development && bundle clean --force && bundle");
  ASSERT_EQ(analysis.packages.size(), 5u);
  EXPECT_EQ(analysis.packages[0].manager, PackageManager::kGem);
  EXPECT_EQ(analysis.packages[0].packages, Strings{"bundler"});
  EXPECT_EQ(analysis.packages[0].OptionValue({"-v", "--version"}), "2.4.0");
  EXPECT_TRUE(analysis.packages[0].HasOption({"-N", "--no-document"}));
  EXPECT_TRUE(analysis.packages[1].HasOption({"-N", "--no-document"}));
  EXPECT_EQ(analysis.packages[2].manager, PackageManager::kBundle);
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kInstall);
  EXPECT_TRUE(analysis.packages[2].packages.empty());
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[4].action, PackageAction::kInstall);
}

// Corpus false positive (docker-library ruby): the images end with a `bundle --version` smoke test.
TEST(RubyRecognizer, BundleVersionIsNotAnInstall) {
  auto analysis = Analyze("bundle --version && bundle -v && bundle --jobs 4");
  ASSERT_EQ(analysis.packages.size(), 3u);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kOther);
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kOther);
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[2].subcommand, "install");
}

}  // namespace
}  // namespace slimage::shell
