#include "rules/pip_setting.h"

#include <gtest/gtest.h>

namespace slimage::rules {
namespace {

TEST(PipSettingTest, StrToBoolAcceptsPipsWordsInAnyCase) {
  for (const char* word : {"y", "yes", "t", "true", "on", "1", "YES", "True", "oN"}) {
    EXPECT_EQ(PipStrToBool(word), true) << word;
  }
  for (const char* word : {"n", "no", "f", "false", "off", "0", "NO", "False", "OFF"}) {
    EXPECT_EQ(PipStrToBool(word), false) << word;
  }
  for (const char* word : {"", " 1", "1 ", "2", "enabled", "yes please", "-1", "nope"}) {
    EXPECT_FALSE(PipStrToBool(word).has_value()) << '"' << word << '"';
  }
}

// Regression (issue 16): PIP_NO_CACHE_DIR=0/false/off/no were taken to leave the cache on.
TEST(PipSettingTest, EveryValidBooleanTurnsTheCacheOff) {
  for (const char* value : {"1", "true", "on", "yes", "0", "false", "off", "no", "F", "N"}) {
    EXPECT_EQ(PipCacheFromNoCacheDir(value), PipCacheState::kOff) << value;
  }
}

TEST(PipSettingTest, UnsetOrEmptyLeavesItOnAndGarbageIsRefused) {
  EXPECT_EQ(PipCacheFromNoCacheDir(std::nullopt), PipCacheState::kOn);
  EXPECT_EQ(PipCacheFromNoCacheDir(""), PipCacheState::kOn);
  EXPECT_EQ(PipCacheFromNoCacheDir("maybe"), PipCacheState::kRefused);
  EXPECT_EQ(PipCacheFromNoCacheDir(" 1"), PipCacheState::kRefused);
}

}  // namespace
}  // namespace slimage::rules
