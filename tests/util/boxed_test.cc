#include "util/boxed.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace slimage {
namespace {

TEST(Boxed, HoldsAValueLikeOptional) {
  Boxed<std::string> empty;
  EXPECT_FALSE(empty);
  Boxed<std::string> text = std::string("abc");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "abc");
  EXPECT_EQ(text->size(), 3u);
  text = std::optional<std::string>();
  EXPECT_FALSE(text.has_value());
  text = std::optional<std::string>("de");
  EXPECT_EQ(*text, "de");
  text.reset();
  EXPECT_FALSE(text);
}

TEST(Boxed, ACopyIsItsOwnValue) {
  Boxed<std::vector<int>> a = std::vector<int>{1, 2};
  Boxed<std::vector<int>> b = a;
  b->push_back(3);
  EXPECT_EQ(a->size(), 2u);  // not shared: a copy copies the value
  EXPECT_EQ(b->size(), 3u);
  a = b;
  EXPECT_EQ(a->size(), 3u);
  Boxed<std::vector<int>> moved = std::move(a);
  EXPECT_EQ(moved->size(), 3u);
}

TEST(Boxed, IsAPointerWide) { EXPECT_EQ(sizeof(Boxed<std::vector<std::string>>), sizeof(void*)); }

}  // namespace
}  // namespace slimage
