#include "util/keep_until_exit.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

struct Flagged {
  explicit Flagged(bool* destroyed) : destroyed_(destroyed) {}
  Flagged(Flagged&& other) noexcept : destroyed_(other.destroyed_) { other.destroyed_ = nullptr; }
  ~Flagged() {
    if (destroyed_ != nullptr) *destroyed_ = true;
  }
  bool* destroyed_;
};

TEST(KeepUntilExit, TheObjectIsNeverDestroyed) {
  static bool destroyed = false;  // static: the object outlives this test
  KeepUntilExit(Flagged(&destroyed));
  EXPECT_FALSE(destroyed);
  std::vector<int> big(1000, 7);
  const int* data = big.data();
  KeepUntilExit(std::move(big));
  EXPECT_EQ(data[999], 7);  // the vector's storage is still there (ASan would see a use after free)
}

}  // namespace
}  // namespace slimage
