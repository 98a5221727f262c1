#include "image/platform.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

TEST(Platform, NamesForUnameMachinesAndMatching) {
  EXPECT_EQ(image::PlatformForMachine("x86_64"), "linux/amd64");
  EXPECT_EQ(image::PlatformForMachine("aarch64"), "linux/arm64/v8");
  EXPECT_EQ(image::PlatformForMachine("armv7l"), "linux/arm/v7");
  EXPECT_EQ(image::PlatformForMachine("i686"), "linux/386");
  EXPECT_EQ(image::PlatformForMachine("ppc64le"), "linux/ppc64le");
  EXPECT_TRUE(image::PlatformMatches("linux/arm64", "linux/arm64/v8"));
  EXPECT_TRUE(image::PlatformMatches("linux/arm64/v8", "linux/arm64"));
  EXPECT_TRUE(image::PlatformMatches("linux/arm/v7", "linux/arm"));
  EXPECT_FALSE(image::PlatformMatches("linux/arm/v6", "linux/arm/v7"));
  EXPECT_FALSE(image::PlatformMatches("linux/amd64", "linux/arm64"));
}

}  // namespace
}  // namespace slimage
