#include "packages/text_databases.h"

#include <gtest/gtest.h>

namespace slimage::packages {
namespace {

TEST(DpkgStatusTest, ReadsInstalledPackagesWithTheirSizeInKib) {
  const std::string status =
      "Package: vim\nStatus: install ok installed\nPriority: optional\nInstalled-Size: 4000\n"
      "Version: 2:9.0.1378-2\nDescription: Vi IMproved\n enhanced vi editor\n .\n more\n\n"
      "Package: old\nStatus: deinstall ok config-files\nVersion: 1.0\n\n"
      "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36-9\nInstalled-Size: 12000\n\n"
      "Package: libc6\nStatus: install ok installed\nArchitecture: i386\nVersion: 2.36-9\nInstalled-Size: 11000\n";
  auto packages = ParseDpkgStatus(status);
  ASSERT_TRUE(packages) << packages.error().message;
  ASSERT_EQ(packages->size(), 3u);  // config-files only: not installed
  EXPECT_EQ((*packages)[0].manager, "dpkg");
  EXPECT_EQ((*packages)[0].name, "vim");
  EXPECT_EQ((*packages)[0].version, "2:9.0.1378-2");
  EXPECT_EQ((*packages)[0].size, 4000u * 1024);
  EXPECT_EQ((*packages)[1].name, "libc6");
  EXPECT_EQ((*packages)[2].name, "libc6:i386");
  EXPECT_EQ((*packages)[2].size, 11000u * 1024);
}

TEST(DpkgStatusTest, DistrolessStatusFilesHaveNoStatusField) {
  auto packages = ParseDpkgStatus("Package: tzdata\nVersion: 2024a-0+deb12u1\nInstalled-Size: 2000\r\n");
  ASSERT_TRUE(packages) << packages.error().message;
  ASSERT_EQ(packages->size(), 1u);
  EXPECT_EQ((*packages)[0].version, "2024a-0+deb12u1");
}

TEST(DpkgStatusTest, MalformedDatabasesAreErrors) {
  EXPECT_EQ(ParseDpkgStatus("Version: 1\n").error().message, "paragraph at line 1 has no Package field");
  EXPECT_EQ(ParseDpkgStatus("Package: a\nInstalled-Size: lots\n").error().message,
            "package a: Installed-Size 'lots' is not a number");
  EXPECT_EQ(ParseDpkgStatus(" continued\n").error().message, "line 1: continuation line outside a field");
  EXPECT_EQ(ParseDpkgStatus("Package: a\ngarbage\n").error().message, "line 2: expected 'Field: value'");
  EXPECT_EQ(ParseDpkgStatus("Package: a\nInstalled-Size: 99999999999999999999\n").error().message,
            "package a: Installed-Size '99999999999999999999' is not a number");
}

TEST(ApkInstalledTest, ReadsNameVersionAndInstalledBytes) {
  auto packages = ParseApkInstalled("C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nI:622592\n\nP:busybox\nV:1.36.1-r5\nI:946176\n");
  ASSERT_TRUE(packages) << packages.error().message;
  ASSERT_EQ(packages->size(), 2u);
  EXPECT_EQ((*packages)[0].name, "musl");
  EXPECT_EQ((*packages)[0].version, "1.2.4-r2");
  EXPECT_EQ((*packages)[0].size, 622592u);
  EXPECT_EQ((*packages)[1].name, "busybox");
  EXPECT_EQ((*packages)[1].manager, "apk");
}

TEST(ApkInstalledTest, MalformedDatabasesAreErrors) {
  EXPECT_EQ(ParseApkInstalled("V:1\n\n").error().message, "record ending at line 2 has no P: line");
  EXPECT_EQ(ParseApkInstalled("P:a\nI:x\n").error().message, "line 2: installed size 'x' is not a number");
  EXPECT_EQ(ParseApkInstalled("P:a\nnonsense\n").error().message, "line 2: expected 'X:value'");
}

}  // namespace
}  // namespace slimage::packages
