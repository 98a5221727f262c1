#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(CargoRecognizer, BuildAndInstall) {
  auto analysis = Analyze(
      "cargo build --release --target x86_64-unknown-linux-musl && cargo +nightly install --locked -j 2 ripgrep && "
      "cargo clean");
  ASSERT_EQ(analysis.packages.size(), 3u);
  EXPECT_EQ(analysis.packages[0].manager, PackageManager::kCargo);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kBuild);
  EXPECT_EQ(analysis.packages[0].OptionValue({"--target"}), "x86_64-unknown-linux-musl");
  EXPECT_TRUE(analysis.packages[0].packages.empty());
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[1].packages, Strings{"ripgrep"});
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kClean);
}

}  // namespace
}  // namespace slimage::shell
