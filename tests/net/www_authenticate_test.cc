#include "net/www_authenticate.h"

#include <gtest/gtest.h>

namespace slimage::net {
namespace {

TEST(WwwAuthenticateTest, BearerWithQuotedCommas) {
  auto challenges = ParseWwwAuthenticate(
      R"(Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push")");
  ASSERT_EQ(challenges.size(), 1u);
  EXPECT_EQ(challenges[0].scheme, "bearer");
  EXPECT_EQ(challenges[0].Param("realm"), "https://auth.example.com/token");
  EXPECT_EQ(challenges[0].Param("service"), "registry.example.com");
  EXPECT_EQ(challenges[0].Param("scope"), "repository:a/b:pull,push");
  EXPECT_EQ(challenges[0].Param("error"), "");
}

TEST(WwwAuthenticateTest, SpacesTokensEscapesAndCase) {
  auto challenges = ParseWwwAuthenticate("  BEARER  Realm = \"a\\\"b\" , error=insufficient_scope");
  ASSERT_EQ(challenges.size(), 1u);
  EXPECT_EQ(challenges[0].scheme, "bearer");
  EXPECT_EQ(challenges[0].Param("realm"), "a\"b");
  EXPECT_EQ(challenges[0].Param("error"), "insufficient_scope");
}

TEST(WwwAuthenticateTest, SeveralChallengesInOneHeader) {
  auto challenges = ParseWwwAuthenticate(R"(Basic realm="x, y", Bearer realm="https://t/", service=s)");
  ASSERT_EQ(challenges.size(), 2u);
  EXPECT_EQ(challenges[0].scheme, "basic");
  EXPECT_EQ(challenges[0].Param("realm"), "x, y");
  EXPECT_EQ(challenges[1].scheme, "bearer");
  EXPECT_EQ(challenges[1].Param("realm"), "https://t/");
  EXPECT_EQ(challenges[1].Param("service"), "s");
}

TEST(WwwAuthenticateTest, Token68AndJunk) {
  auto challenges = ParseWwwAuthenticate("Negotiate abc, Basic realm=r");
  ASSERT_EQ(challenges.size(), 2u);
  EXPECT_EQ(challenges[0].scheme, "negotiate");
  EXPECT_TRUE(challenges[0].params.empty());
  EXPECT_EQ(challenges[1].scheme, "basic");
  EXPECT_EQ(challenges[1].Param("realm"), "r");
  EXPECT_TRUE(ParseWwwAuthenticate("").empty());
  EXPECT_TRUE(ParseWwwAuthenticate(" ,, ").empty());
  auto unterminated = ParseWwwAuthenticate("Bearer realm=\"https://t");
  ASSERT_EQ(unterminated.size(), 1u);
  EXPECT_EQ(unterminated[0].Param("realm"), "https://t");
}

}  // namespace
}  // namespace slimage::net
