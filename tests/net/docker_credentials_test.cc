#include "net/docker_credentials.h"

#include <gtest/gtest.h>

#include "util/base64.h"

namespace slimage::net {
namespace {

std::string Config(const std::string& key, const std::string& user_password) {
  return R"({"auths":{")" + key + R"(":{"auth":")" + Base64Encode(user_password) + R"("}},"credsStore":"desktop"})";
}

TEST(DockerCredentialsTest, KeysAsHostOrUrl) {
  for (const std::string key : {"reg.example:5000", "https://reg.example:5000", "http://reg.example:5000/v1/"}) {
    auto found = CredentialsFromConfig(Config(key, "alice:s3:cret"), "reg.example:5000");
    ASSERT_TRUE(found) << key;
    EXPECT_EQ(found->username, "alice");
    EXPECT_EQ(found->password, "s3:cret");
  }
  EXPECT_FALSE(CredentialsFromConfig(Config("other:5000", "a:b"), "reg.example:5000"));
  EXPECT_FALSE(CredentialsFromConfig(Config("reg.example", "a:b"), "reg.example:5000"));
}

TEST(DockerCredentialsTest, MalformedEntriesAreIgnored) {
  EXPECT_FALSE(CredentialsFromConfig("not json", "h"));
  EXPECT_FALSE(CredentialsFromConfig(R"({"auths":{"h":{"auth":"%%%"}}})", "h"));
  EXPECT_FALSE(CredentialsFromConfig(R"({"auths":{"h":{"auth":")" + Base64Encode("nocolon") + R"("}}})", "h"));
  EXPECT_FALSE(CredentialsFromConfig(R"({"auths":{"h":{}}})", "h"));
  EXPECT_FALSE(CredentialsFromConfig(R"({"auths":[]})", "h"));
}

TEST(Base64Test, RoundTrip) {
  for (const std::string text : {"", "a", "ab", "abc", "abcd", "user:pässword"}) {
    auto decoded = Base64Decode(Base64Encode(text));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, text);
  }
  EXPECT_EQ(Base64Encode("alice:secret"), "YWxpY2U6c2VjcmV0");
  EXPECT_FALSE(Base64Decode("a"));
  EXPECT_FALSE(Base64Decode("ab$d"));
}

}  // namespace
}  // namespace slimage::net
