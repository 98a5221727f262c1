#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(ApkRecognizer, AddWithVirtualAndNoCache) {
  auto analysis = Analyze("apk add --no-cache --virtual .build-deps gcc musl-dev && apk del .build-deps");
  ASSERT_EQ(analysis.packages.size(), 2u);
  const auto& add = analysis.packages[0];
  EXPECT_EQ(add.manager, PackageManager::kApk);
  EXPECT_EQ(add.action, PackageAction::kInstall);
  EXPECT_EQ(add.packages, (Strings{"gcc", "musl-dev"}));
  EXPECT_TRUE(add.HasOption({"--no-cache"}));
  EXPECT_EQ(add.virtual_name, ".build-deps");
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kRemove);
  EXPECT_EQ(analysis.packages[1].packages, Strings{".build-deps"});
}

TEST(ApkRecognizer, ShortVirtualAndUpdateFlag) {
  auto analysis = Analyze("apk -U add -t deps curl");
  ASSERT_EQ(analysis.packages.size(), 1u);
  EXPECT_EQ(analysis.packages[0].virtual_name, "deps");
  EXPECT_EQ(analysis.packages[0].packages, Strings{"curl"});
  EXPECT_TRUE(analysis.packages[0].HasOption({"-U", "--update"}));
  EXPECT_FALSE(analysis.packages[0].HasOption({"--no-cache"}));
}

TEST(ApkRecognizer, CacheCleanUpdateUpgrade) {
  auto analysis = Analyze("apk update; apk upgrade --available; apk cache clean; apk info");
  ASSERT_EQ(analysis.packages.size(), 4u);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kUpdate);
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kUpgrade);
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[2].subcommand, "cache clean");
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kOther);
}

}  // namespace
}  // namespace slimage::shell
