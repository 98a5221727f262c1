#include "net/docker_credentials.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

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

namespace slimage::net {
namespace {

// A credential helper answered in memory: records what it was asked.
struct FakeHelper {
  std::vector<std::string> argv;
  std::string input;
  ProcessOutput answer;
  ProcessRunner Runner() {
    return [this](const std::vector<std::string>& called, std::string_view stdin_text) -> Expected<ProcessOutput> {
      argv = called;
      input = std::string(stdin_text);
      return answer;
    };
  }
};

const std::string kAuths = R"("auths":{"reg.example:5000":{"auth":")" + Base64Encode("file:pw") + R"("}})";

TEST(DockerCredentialHelpers, CredHelpersForTheHostComesBeforeCredsStore) {
  FakeHelper helper{{}, {}, {0, R"({"ServerURL":"reg.example:5000","Username":"alice","Secret":"s3cret"})", ""}};
  const std::string config = R"({"credsStore":"desktop","credHelpers":{"reg.example:5000":"ecr-login"},)" + kAuths + "}";
  auto found = ResolveDockerCredentials(config, "reg.example:5000", helper.Runner());
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->username, "alice");
  EXPECT_EQ((*found)->password, "s3cret");
  EXPECT_EQ(helper.argv, (std::vector<std::string>{"docker-credential-ecr-login", "get"}));
  EXPECT_EQ(helper.input, "reg.example:5000");  // the server address, no newline, as docker sends it
}

TEST(DockerCredentialHelpers, CredsStoreServesEveryOtherRegistryAndDockerHubByItsIndexAddress) {
  FakeHelper helper{{}, {}, {0, R"({"Username":"bob","Secret":"t"})", ""}};
  auto found = ResolveDockerCredentials(R"({"credsStore":"pass","credHelpers":{"other":"x"}})", "registry-1.docker.io",
                                        helper.Runner());
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->username, "bob");
  EXPECT_EQ(helper.argv[0], "docker-credential-pass");
  EXPECT_EQ(helper.input, "https://index.docker.io/v1/");
}

TEST(DockerCredentialHelpers, AHelperThatKnowsNothingFallsBackToAuths) {
  FakeHelper helper{{}, {}, {1, "credentials not found in native keychain\n", ""}};
  auto found = ResolveDockerCredentials(R"({"credsStore":"secretservice",)" + kAuths + "}", "reg.example:5000",
                                        helper.Runner());
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->username, "file");
  auto none = ResolveDockerCredentials(R"({"credsStore":"secretservice"})", "reg.example:5000", helper.Runner());
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

TEST(DockerCredentialHelpers, AFailingOrGarbledHelperIsAnErrorNamingIt) {
  FakeHelper failing{{}, {}, {3, "", "error getting credentials - err: exit status 1\nmore\n"}};
  auto failed = ResolveDockerCredentials(R"({"credsStore":"desktop"})", "reg.example", failing.Runner());
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message,
            "credential helper docker-credential-desktop get failed for reg.example (exit 3): error getting credentials - "
            "err: exit status 1");
  FakeHelper garbled{{}, {}, {0, "not json", ""}};
  auto bad = ResolveDockerCredentials(R"({"credsStore":"desktop"})", "reg.example", garbled.Runner());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message,
            "credential helper docker-credential-desktop get answered something other than {\"Username\", \"Secret\"} for "
            "reg.example");
  FakeHelper unused{{}, {}, {0, "{}", ""}};
  auto named = ResolveDockerCredentials(R"({"credsStore":"../../bin/sh"})", "reg.example", unused.Runner());
  ASSERT_FALSE(named);
  EXPECT_NE(named.error().message.find("credential helper name '../../bin/sh' is not valid"), std::string::npos);
  EXPECT_TRUE(unused.argv.empty());  // never run
}

TEST(DockerCredentialHelpers, AnIdentityTokenIsNoCredentials) {
  FakeHelper helper{{}, {}, {0, R"({"Username":"<token>","Secret":"refresh"})", ""}};
  auto found = ResolveDockerCredentials(R"({"credsStore":"desktop"})", "reg.example", helper.Runner());
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
}

// A real helper program on PATH, found through DOCKER_CONFIG's config.json, as docker runs it.
TEST(DockerCredentialHelpers, RunsARealHelperFromPath) {
  const std::string dir = ::testing::TempDir() + "slimage-credhelper";
  std::filesystem::create_directories(dir);
  {
    std::ofstream script(dir + "/docker-credential-slimagetest");
    script << "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread -r server || true\n"
              "printf '{\"ServerURL\":\"%s\",\"Username\":\"helper-user\",\"Secret\":\"pw-for-%s\"}' \"$server\" \"$server\"\n";
  }
  std::filesystem::permissions(dir + "/docker-credential-slimagetest", std::filesystem::perms::owner_all);
  std::ofstream(dir + "/config.json") << R"({"credHelpers":{"127.0.0.1:5999":"slimagetest"}})";
  const std::string old_path = std::getenv("PATH") != nullptr ? std::getenv("PATH") : "";
  setenv("PATH", (dir + ":" + old_path).c_str(), 1);
  setenv("DOCKER_CONFIG", dir.c_str(), 1);
  auto found = LookupDockerCredentials("127.0.0.1:5999");
  setenv("PATH", old_path.c_str(), 1);
  unsetenv("DOCKER_CONFIG");
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->username, "helper-user");
  EXPECT_EQ((*found)->password, "pw-for-127.0.0.1:5999");
}

}  // namespace
}  // namespace slimage::net
