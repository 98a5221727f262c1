#include "net/registry_reference.h"

#include <gtest/gtest.h>

namespace slimage::net {
namespace {

TEST(RegistryReferenceTest, HostPortNameAndDefaultTag) {
  auto ref = ParseRegistryReference("registry://127.0.0.1:5000/library/app");
  ASSERT_TRUE(ref) << ref.error().message;
  EXPECT_EQ(ref->host, "127.0.0.1:5000");
  EXPECT_EQ(ref->repository, "library/app");
  EXPECT_EQ(ref->tag, "latest");
  EXPECT_EQ(ref->digest, "");
  EXPECT_EQ(ref->reference(), "latest");
  EXPECT_EQ(ref->Display(), "127.0.0.1:5000/library/app:latest");
}

TEST(RegistryReferenceTest, TagAndDigest) {
  auto tagged = ParseRegistryReference("registry://ghcr.io/a.b/c__d/e-f--g:v1.2_rc-3");
  ASSERT_TRUE(tagged) << tagged.error().message;
  EXPECT_EQ(tagged->host, "ghcr.io");
  EXPECT_EQ(tagged->repository, "a.b/c__d/e-f--g");
  EXPECT_EQ(tagged->tag, "v1.2_rc-3");
  const std::string digest = "sha256:" + std::string(64, 'a');
  auto pinned = ParseRegistryReference("registry://localhost:5000/app:1@" + digest);
  ASSERT_TRUE(pinned) << pinned.error().message;
  EXPECT_EQ(pinned->digest, digest);
  EXPECT_EQ(pinned->tag, "");
  EXPECT_EQ(pinned->reference(), digest);
  EXPECT_EQ(pinned->Display(), "localhost:5000/app@" + digest);
  auto v6 = ParseRegistryReference("registry://[::1]:5000/app");
  ASSERT_TRUE(v6) << v6.error().message;
  EXPECT_EQ(v6->host, "[::1]:5000");
}

TEST(RegistryReferenceTest, MalformedReferencesSayWhyInOneLine) {
  const std::string tail = "; expected registry://HOST[:PORT]/NAME[:TAG|@DIGEST]";
  struct Case {
    std::string text;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"registry://host", "no image name after the host"},
      {"registry://host/", "no image name after the host"},
      {"registry:///app", "the host is not HOST or HOST:PORT"},
      {"registry://host:99999/app", "the host is not HOST or HOST:PORT"},
      {"registry://ho_st/app", "the host is not HOST or HOST:PORT"},
      {"registry://host/App", "the name has a component that is not lower-case letters and digits joined by '.', '_', '__' or '-'"},
      {"registry://host/a//b", "the name has a component that is not lower-case letters and digits joined by '.', '_', '__' or '-'"},
      {"registry://host/a___b", "the name has a component that is not lower-case letters and digits joined by '.', '_', '__' or '-'"},
      {"registry://host/app:", "the tag is not [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"},
      {"registry://host/app:.x", "the tag is not [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"},
      {"registry://host/app:" + std::string(129, 'a'), "the tag is not [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"},
      {"registry://host/app@sha512:abc", "only sha256 digests are supported"},
      {"registry://host/app@sha256:ABC", "the digest is not sha256: and 64 lower-case hex digits"},
  };
  for (const Case& c : cases) {
    auto ref = ParseRegistryReference(c.text);
    ASSERT_FALSE(ref) << c.text;
    EXPECT_EQ(ref.error().message, c.text + ": malformed registry reference: " + c.why + tail);
  }
}

}  // namespace
}  // namespace slimage::net
