// slimage analyze/history on registry:// images served by FakeRegistry.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/fake_registry.h"
#include "support/image_builder.h"
#include "support/run_cli.h"
#include "util/base64.h"

namespace slimage::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// No developer's own ~/.docker/config.json in these tests.
class RegistryCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ::setenv("DOCKER_CONFIG", "/nonexistent-slimage-docker-config", 1); }
  void TearDown() override { ::unsetenv("DOCKER_CONFIG"); }
};

std::string TwoLayerImage() {
  TestImage image;
  image.empty_history = {"ENV A=1"};
  image.layers.push_back({{Dir("etc"), File("etc/hello", std::string(3000, 'h'))}, Compress::kGzip, "COPY hello /etc/hello"});
  image.layers.push_back({{Dir("app"), File("app/run", "#!/bin/sh\n")}, Compress::kNone, "RUN make"});
  return MakeOciArchive(image);
}

TEST_F(RegistryCliTest, HistoryNoLayersReadsOnlyTheManifestAndConfig) {
  FakeRegistry registry({.auth = FakeRegistry::Auth::kBearer});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(TwoLayerImage(), "1.0");
  const std::string name = "registry://" + registry.host_port() + "/library/app:1.0";
  CliResult result = RunCli({"history", name, "--insecure", "--no-layers"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // Exactly one blob request: the config.
  EXPECT_EQ(registry.CountRequests("/v2/library/app/blobs/"), 1);
  std::vector<std::string> lines;
  for (size_t start = 0, end; (end = result.out.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(result.out.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 6u) << result.out;
  EXPECT_EQ(lines[0], "LAYER               SIZE  COMPRESSED    ADDED  CHANGED  REMOVED      WASTED  CREATED BY");
  // Newest first: the uncompressed RUN layer, then the gzip COPY layer, then ENV.
  // The compressed sizes come from the manifest; nothing else is known.
  EXPECT_EQ(lines[1].substr(12), "           -      2.6 kB        -        -        -           -  RUN make") << lines[1];
  EXPECT_EQ(lines[2].substr(12), "           -       133 B        -        -        -           -  COPY hello /etc/hello") << lines[2];
  EXPECT_EQ(lines[3].rfind("<missing>", 0), 0u) << lines[3];
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(lines[5].rfind("Layers not read (--no-layers): ", 0), 0u) << lines[5];
}

TEST_F(RegistryCliTest, AnalyzeJsonEqualsTheSameImageFromItsArchive) {
  const std::string archive_path = SharedPath("images/dive/test-oci-gzip-image.tar");
  FakeRegistry registry({.auth = FakeRegistry::Auth::kBearer, .redirect_blobs = true});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(ReadFile(archive_path), "gzip");
  const std::string name = "registry://" + registry.host_port() + "/library/app:gzip";
  CliResult remote = RunCli({"analyze", name, "--insecure", "--format", "json", "--fail-on", "none",
                             "--platform", "linux/arm64"});
  ASSERT_EQ(remote.exit_code, 0) << remote.err;
  CliResult local = RunCli({"analyze", archive_path, "--format", "json", "--fail-on", "none"});
  ASSERT_EQ(local.exit_code, 0) << local.err;
  nlohmann::json remote_json = nlohmann::json::parse(remote.out);
  nlohmann::json local_json = nlohmann::json::parse(local.out);
  EXPECT_EQ(remote_json["image"]["source"], name);
  remote_json["image"].erase("source");
  local_json["image"].erase("source");
  EXPECT_GT(local_json["layers"].size(), 0u);
  EXPECT_EQ(remote_json, local_json);
  EXPECT_GE(registry.CountRequests("/storage/"), 2);
}

TEST_F(RegistryCliTest, PasswordFromStdinGoesToTheTokenEndpoint) {
  FakeRegistry registry({.auth = FakeRegistry::Auth::kBearer, .user = "dave", .password = "hunter2"});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(TwoLayerImage(), "latest");
  const std::string name = "registry://" + registry.host_port() + "/library/app";
  CliResult result = RunCliWithInput({"history", name, "--insecure", "--no-layers", "--username", "dave", "--password-stdin"},
                                     "hunter2\n");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto requests = registry.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_EQ(requests[1].target.rfind("/token?", 0), 0u);
  EXPECT_EQ(requests[1].headers.at("authorization"), "Basic " + Base64Encode("dave:hunter2"));

  CliResult wrong = RunCliWithInput({"history", name, "--insecure", "--username", "dave", "--password-stdin"}, "nope\n");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_EQ(wrong.err, "slimage: " + name + ": unauthorized: " + registry.host_port() + " answered 401 for library/app as dave\n");
}

TEST_F(RegistryCliTest, CredentialFlagsGoTogether) {
  CliResult alone = RunCli({"history", "registry://h/a", "--username", "x"});
  EXPECT_EQ(alone.exit_code, 2);
  EXPECT_EQ(alone.err, "slimage: --username needs --password-stdin\n");
  CliResult stdin_only = RunCli({"analyze", "registry://h/a", "--password-stdin"});
  EXPECT_EQ(stdin_only.exit_code, 2);
  EXPECT_EQ(stdin_only.err, "slimage: --password-stdin needs --username\n");
  CliResult empty = RunCliWithInput({"analyze", "registry://h/a", "--username", "x", "--password-stdin"}, "");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_EQ(empty.err, "slimage: --password-stdin: no password on standard input\n");
}

TEST_F(RegistryCliTest, UnknownTagIsExit2NamingTheImage) {
  FakeRegistry registry({});
  ASSERT_TRUE(registry.started());
  const std::string name = "registry://" + registry.host_port() + "/library/app:9.9";
  CliResult result = RunCli({"analyze", name, "--insecure"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "slimage: " + name + ": manifest unknown: " + registry.host_port() + " has no library/app:9.9\n");
}

TEST_F(RegistryCliTest, HistoryNoLayersOnAnArchive) {
  CliResult result = RunCli({"history", SharedPath("images/ggcr/whiteout_image.tar"), "--no-layers"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Layers not read (--no-layers): "), std::string::npos) << result.out;
}

}  // namespace
}  // namespace slimage::testing
