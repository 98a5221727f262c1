#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(NodeRecognizer, Npm) {
  auto analysis = Analyze(
      "npm ci --omit=dev && npm install -g --prefix /opt typescript && npm cache clean --force && npm run build && "
      "npm i");
  ASSERT_EQ(analysis.packages.size(), 5u);
  EXPECT_EQ(analysis.packages[0].manager, PackageManager::kNpm);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[0].OptionValue({"--omit"}), "dev");
  EXPECT_EQ(analysis.packages[1].packages, Strings{"typescript"});
  EXPECT_TRUE(analysis.packages[1].HasOption({"-g", "--global"}));
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[2].subcommand, "cache clean");
  EXPECT_TRUE(analysis.packages[2].HasOption({"--force"}));
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kBuild);
  EXPECT_EQ(analysis.packages[4].action, PackageAction::kInstall);
}

TEST(NodeRecognizer, YarnAndPnpm) {
  auto analysis = Analyze(
      "yarn --frozen-lockfile && yarn add left-pad && yarn cache clean && yarn global add serve && "
      "pnpm install --prod && pnpm store prune && yarn test");
  ASSERT_EQ(analysis.packages.size(), 7u);
  EXPECT_EQ(analysis.packages[0].manager, PackageManager::kYarn);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[0].subcommand, "");
  EXPECT_EQ(analysis.packages[1].packages, Strings{"left-pad"});
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[3].subcommand, "global add");
  EXPECT_EQ(analysis.packages[3].packages, Strings{"serve"});
  EXPECT_EQ(analysis.packages[4].manager, PackageManager::kPnpm);
  EXPECT_EQ(analysis.packages[4].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[5].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[6].action, PackageAction::kOther);
}

TEST(NodeRecognizer, BareYarnInstallsUnlessItOnlyAsksForItsVersion) {
  auto analysis = Analyze("yarn && yarn install && yarn --frozen-lockfile --cwd /app && yarn --version && yarn -h");
  ASSERT_EQ(analysis.packages.size(), 5u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(analysis.packages[i].action, PackageAction::kInstall) << i;
  EXPECT_EQ(analysis.packages[1].subcommand, "install");
  EXPECT_EQ(analysis.packages[2].OptionValue({"--cwd"}), "/app");
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kOther);
  EXPECT_EQ(analysis.packages[4].action, PackageAction::kOther);
}

TEST(NodeRecognizer, NpxIsNotNpm) { EXPECT_TRUE(Analyze("npx create-app x && node npm.js install").packages.empty()); }

}  // namespace
}  // namespace slimage::shell
