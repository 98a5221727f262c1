#include "util/utf8.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

TEST(Utf8, DecodesEachLengthAndRejectsWhatTable37Rejects) {
  EXPECT_EQ(DecodeUtf8("\xc3\xa9", 0).code_point, U'é');
  EXPECT_EQ(DecodeUtf8("\xe2\x80\xae", 0).code_point, U'\u202e');
  Utf8Unit whale = DecodeUtf8("\xf0\x9f\x90\xb3", 0);
  EXPECT_TRUE(whale.valid);
  EXPECT_EQ(whale.code_point, U'\U0001f433');
  EXPECT_EQ(whale.length, 4u);
  for (std::string_view bad : {"\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xf0\x8f\xbf\xbf",
                               "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe2\x82", "\xe2\x28\xa1"}) {
    Utf8Unit unit = DecodeUtf8(bad, 0);
    EXPECT_FALSE(unit.valid) << bad;
    EXPECT_EQ(unit.length, 1u) << bad;
  }
}

TEST(Utf8, ToValidUtf8ReplacesEachInvalidByte) {
  EXPECT_TRUE(IsValidUtf8("café"));
  EXPECT_FALSE(IsValidUtf8("caf\xc3"));
  EXPECT_EQ(ToValidUtf8("a\xff\xfe" "b"), "a\uFFFD\uFFFDb");
  EXPECT_EQ(ToValidUtf8("café"), "café");
}

}  // namespace
}  // namespace slimage
