#include "rules/owner_mode.h"

#include <gtest/gtest.h>

namespace slimage::rules {
namespace {

TEST(OwnerModeTest, SameOwner) {
  EXPECT_TRUE(SameOwner("app", "app"));
  EXPECT_TRUE(SameOwner("app:app", "app"));     // chown USER keeps the group
  EXPECT_TRUE(SameOwner("app", "app:app"));     // --chown=app: the user's id as group
  EXPECT_TRUE(SameOwner("app:staff", "app.staff"));
  EXPECT_TRUE(SameOwner("1000:1000", "1000:"));
  EXPECT_FALSE(SameOwner("app:staff", "app:app"));
  EXPECT_FALSE(SameOwner("app", "www-data"));
  EXPECT_FALSE(SameOwner("app", ":app"));  // changes the group only
}

TEST(OwnerModeTest, ApplyChmod) {
  EXPECT_EQ(ApplyChmod(0644, "755", false), 0755u);
  EXPECT_EQ(ApplyChmod(0644, "0755", false), 0755u);
  EXPECT_EQ(ApplyChmod(0644, "+x", false), 0755u);
  EXPECT_EQ(ApplyChmod(0644, "+w", false), 0644u);  // umask 022: only the owner gains w
  EXPECT_EQ(ApplyChmod(0755, "a+rx", false), 0755u);
  EXPECT_EQ(ApplyChmod(0755, "go-w,u+x", false), 0755u);
  EXPECT_EQ(ApplyChmod(0640, "a+rX", false), 0644u);  // X: no x on a file without one
  EXPECT_EQ(ApplyChmod(0750, "a+rX", false), 0755u);
  EXPECT_EQ(ApplyChmod(0777, "o=", false), 0770u);
  EXPECT_EQ(ApplyChmod(0644, "g+s", false), 02644u);
  EXPECT_EQ(ApplyChmod(0644, "u+q", false), std::nullopt);
  EXPECT_EQ(ApplyChmod(0644, "go=u", false), std::nullopt);  // copies are not followed
  EXPECT_EQ(ApplyChmod(0644, "", false), std::nullopt);
}

}  // namespace
}  // namespace slimage::rules
