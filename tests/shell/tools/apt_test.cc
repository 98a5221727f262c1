#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(AptRecognizer, InstallWithFlags) {
  auto analysis = Analyze("apt-get install -y --no-install-recommends a b");
  ASSERT_EQ(analysis.packages.size(), 1u);
  const auto& op = analysis.packages[0];
  EXPECT_EQ(op.manager, PackageManager::kApt);
  EXPECT_EQ(op.tool, "apt-get");
  EXPECT_EQ(op.action, PackageAction::kInstall);
  EXPECT_EQ(op.packages, (Strings{"a", "b"}));
  EXPECT_TRUE(op.HasOption({"-y", "--yes", "--assume-yes"}));
  EXPECT_TRUE(op.HasOption({"--no-install-recommends"}));
  EXPECT_EQ(op.command_index, 0u);
}

TEST(AptRecognizer, OptionsBeforeSubcommandAndBundles) {
  auto analysis = Analyze("apt-get -qqy -o APT::Install-Recommends=false install curl");
  ASSERT_EQ(analysis.packages.size(), 1u);
  const auto& op = analysis.packages[0];
  EXPECT_EQ(op.subcommand, "install");
  EXPECT_EQ(op.packages, Strings{"curl"});
  EXPECT_TRUE(op.HasOption({"-y"}));
  EXPECT_EQ(op.OptionValue({"-o", "--option"}), "APT::Install-Recommends=false");
}

TEST(AptRecognizer, Actions) {
  auto analysis = Analyze(
      "apt update && apt-get dist-upgrade -y && aptitude purge x && apt-get autoremove -y && apt-get clean");
  ASSERT_EQ(analysis.packages.size(), 5u);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kUpdate);
  EXPECT_EQ(analysis.packages[0].tool, "apt");
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kUpgrade);
  EXPECT_EQ(analysis.packages[1].subcommand, "dist-upgrade");
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kRemove);
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kAutoremove);
  EXPECT_EQ(analysis.packages[4].action, PackageAction::kClean);
}

TEST(AptRecognizer, PackagesFromAKnownVariable) {
  Environment env;
  env.Set("PKGS", "git vim");
  auto analysis = Analyze("apt-get install -y $PKGS", env);
  ASSERT_EQ(analysis.packages.size(), 1u);
  EXPECT_EQ(analysis.packages[0].packages, (Strings{"git", "vim"}));
  EXPECT_TRUE(analysis.packages[0].packages_known);
}

TEST(AptRecognizer, UnknownVariableIsVisible) {
  auto analysis = Analyze("apt-get install -y $PKGS");
  ASSERT_EQ(analysis.packages.size(), 1u);
  EXPECT_EQ(analysis.packages[0].packages, Strings{"$PKGS"});
  EXPECT_FALSE(analysis.packages[0].packages_known);
}

TEST(AptRecognizer, ThroughWrappersAndShells) {
  auto analysis = Analyze(
      "DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata && sudo -E apt-get install -y x && "
      "xargs apt-get install -y < pkgs && sh -c 'apt-get update && apt-get install -y y'");
  ASSERT_EQ(analysis.packages.size(), 5u);
  EXPECT_EQ(analysis.packages[0].packages, Strings{"tzdata"});
  EXPECT_EQ(analysis.script.commands[analysis.packages[0].command_index].assignments[0].first, "DEBIAN_FRONTEND");
  EXPECT_EQ(analysis.packages[1].packages, Strings{"x"});
  EXPECT_EQ(analysis.script.commands[analysis.packages[1].command_index].wrappers, Strings{"sudo"});
  EXPECT_TRUE(analysis.packages[2].packages.empty());
  EXPECT_TRUE(analysis.script.commands[analysis.packages[2].command_index].args_from_stdin);
  EXPECT_EQ(analysis.packages[3].action, PackageAction::kUpdate);
  EXPECT_EQ(analysis.packages[4].packages, Strings{"y"});
  EXPECT_EQ(analysis.script.commands[analysis.packages[4].command_index].depth, 1);
}

TEST(AptRecognizer, LookAlikesAreNotInstalls) {
  auto analysis = Analyze(
      "echo \"apt-get install x\" && echo apt-get install y && apt-cache search z && apt-get --version && "
      "which apt-get && grep -r 'apt-get install' /etc");
  EXPECT_TRUE(analysis.packages.empty());
}

}  // namespace
}  // namespace slimage::shell
