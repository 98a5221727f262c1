#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(GoRecognizer, BuildInstallClean) {
  auto analysis = Analyze(
      "CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o /out/app ./cmd/app && "
      "go install github.com/x/y@latest && go mod download && go clean -cache -modcache");
  ASSERT_EQ(analysis.packages.size(), 4u);
  const auto& build = analysis.packages[0];
  EXPECT_EQ(build.manager, PackageManager::kGo);
  EXPECT_EQ(build.action, PackageAction::kBuild);
  EXPECT_EQ(build.packages, Strings{"./cmd/app"});
  EXPECT_EQ(build.OptionValue({"-o"}), "/out/app");
  EXPECT_EQ(build.OptionValue({"-ldflags"}), "-s -w");
  EXPECT_EQ(analysis.script.commands[build.command_index].assignments[0].first, "CGO_ENABLED");
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[1].packages, Strings{"github.com/x/y@latest"});
  EXPECT_EQ(analysis.packages[2].subcommand, "mod download");
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kClean);
  EXPECT_TRUE(analysis.packages[3].HasOption({"-modcache"}));
}

}  // namespace
}  // namespace slimage::shell
