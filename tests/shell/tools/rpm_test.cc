#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(RpmRecognizer, YumDnfMicrodnf) {
  auto analysis = Analyze(
      "yum install -y httpd && yum clean all && dnf --setopt=install_weak_deps=False -y install gcc && "
      "microdnf install --nodocs -y python3 && dnf group install -y 'Development Tools' && dnf remove -y gcc");
  ASSERT_EQ(analysis.packages.size(), 6u);
  EXPECT_EQ(analysis.packages[0].manager, PackageManager::kYum);
  EXPECT_EQ(analysis.packages[0].packages, Strings{"httpd"});
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[1].packages, Strings{"all"});
  EXPECT_EQ(analysis.packages[2].manager, PackageManager::kDnf);
  EXPECT_EQ(analysis.packages[2].packages, Strings{"gcc"});
  EXPECT_EQ(analysis.packages[2].OptionValue({"--setopt"}), "install_weak_deps=False");
  EXPECT_EQ(analysis.packages[3].manager, PackageManager::kMicrodnf);
  EXPECT_TRUE(analysis.packages[3].HasOption({"--nodocs"}));
  EXPECT_EQ(analysis.packages[4].subcommand, "group install");
  EXPECT_EQ(analysis.packages[4].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[4].packages, Strings{"Development Tools"});
  EXPECT_EQ(analysis.packages[5].action, PackageAction::kRemove);
}

// Regression (issue 16): `dnf up` and `dnf up-min` were kOther, so SL305 and SL402 missed them.
TEST(RpmRecognizer, DnfUpgradeAliases) {
  auto analysis = Analyze(
      "dnf up -y && dnf5 up-min -y && dnf upgrade-minimal -y --security && dnf -y up openssl && "
      "dnf dsync -y && dnf upload x");
  ASSERT_EQ(analysis.packages.size(), 6u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(analysis.packages[i].action, PackageAction::kUpgrade) << i;
  EXPECT_EQ(analysis.packages[1].subcommand, "up-min");
  EXPECT_TRUE(analysis.packages[0].packages.empty());
  EXPECT_EQ(analysis.packages[3].packages, Strings{"openssl"});
  EXPECT_EQ(analysis.packages[5].action, PackageAction::kOther);
}

TEST(RpmRecognizer, Zypper) {
  auto analysis = Analyze("zypper --non-interactive in --no-recommends -y curl && zypper cc -a && zypper ref");
  ASSERT_EQ(analysis.packages.size(), 3u);
  EXPECT_EQ(analysis.packages[0].manager, PackageManager::kZypper);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kInstall);
  EXPECT_EQ(analysis.packages[0].packages, Strings{"curl"});
  EXPECT_TRUE(analysis.packages[0].HasOption({"--no-recommends"}));
  EXPECT_EQ(analysis.packages[1].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[2].action, PackageAction::kUpdate);
}

TEST(RpmRecognizer, RpmItselfIsNotAPackageManagerOperation) {
  EXPECT_TRUE(Analyze("rpm -ivh x.rpm && echo yum install y").packages.empty());
}

}  // namespace
}  // namespace slimage::shell
