#include "fix/plan.h"

#include <gtest/gtest.h>

namespace slimage::fix {
namespace {

TEST(PlanTest, PrintableEscapesControlBytesFromTheDockerfile) {
  EXPECT_EQ(Printable("a\x1b[31mb\tc"), "a\\x1b[31mb\\x09c");
  EXPECT_EQ(Printable(std::string(70, 'x')), std::string(60, 'x') + "…");
}

}  // namespace
}  // namespace slimage::fix
