#include "rules/build_context.h"

#include <gtest/gtest.h>

namespace slimage::rules {
namespace {

TEST(DockerignoreExcludesTest, MatchesPatternsAsDockerReadsThem) {
  EXPECT_FALSE(DockerignoreExcludes("", ".git"));
  EXPECT_TRUE(DockerignoreExcludes(".git\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes("/.git/\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes("./.git\r\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes("**/.git\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes(".git*\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes("*\n!src\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes("  node_modules  \n", "node_modules"));
  EXPECT_FALSE(DockerignoreExcludes("# .git\n", ".git"));
  EXPECT_FALSE(DockerignoreExcludes(".git\n!.git\n", ".git"));
  EXPECT_TRUE(DockerignoreExcludes("!.git\n.git\n", ".git"));
  EXPECT_FALSE(DockerignoreExcludes("src/.git\n", ".git"));
  EXPECT_FALSE(DockerignoreExcludes("node_modules\n", ".git"));
  EXPECT_FALSE(DockerignoreExcludes("!\n/\n", ".git"));
}

}  // namespace
}  // namespace slimage::rules
