// registry:// against FakeRegistry: auth flows, manifest kinds, indexes, errors, streaming.
#include "image/registry_source.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "image/layer_reader.h"
#include "image/platform.h"
#include "support/fake_registry.h"
#include "support/image_builder.h"
#include "util/base64.h"

namespace slimage::testing {
namespace {

using Registry = FakeRegistry;

std::string SmallOci(const std::string& content = "hello") {
  TestImage image;
  image.layers.push_back({{Dir("etc"), File("etc/hello", content)}, Compress::kGzip, "COPY hello /etc/hello"});
  image.layers.push_back({{Dir("app"), File("app/run", "#!/bin/sh\n")}, Compress::kNone, "RUN make"});
  return MakeOciArchive(image);
}

image::OpenOptions Insecure() {
  image::OpenOptions options;
  options.insecure = true;
  return options;
}

// Points DOCKER_CONFIG at a temporary folder for the test's lifetime.
class DockerConfigDir {
 public:
  explicit DockerConfigDir(const std::string& config_json) {
    dir_ = std::filesystem::temp_directory_path() / ("slimage-docker-config-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "config.json") << config_json;
    ::setenv("DOCKER_CONFIG", dir_.c_str(), 1);
  }
  ~DockerConfigDir() {
    ::unsetenv("DOCKER_CONFIG");
    std::error_code error;
    std::filesystem::remove_all(dir_, error);
  }

 private:
  std::filesystem::path dir_;
};

// No DOCKER_CONFIG and a HOME without one, so a developer's own credentials never leak in.
class NoDockerConfig {
 public:
  NoDockerConfig() : config_("{}") {}

 private:
  DockerConfigDir config_;
};

TEST(RegistrySourceTest, AnonymousBearerFlowThenLayersStream) {
  NoDockerConfig no_config;
  Registry registry({.auth = Registry::Auth::kBearer});
  ASSERT_TRUE(registry.started());
  std::string digest = registry.AddOciArchive(SmallOci(), "1.0");
  const std::string name = "registry://" + registry.host_port() + "/library/app:1.0";
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->source, name);
  EXPECT_EQ(loaded->digest, digest);
  ASSERT_EQ(loaded->layers.size(), 2u);
  EXPECT_EQ(loaded->repo_tags, std::vector<std::string>{registry.host_port() + "/library/app:1.0"});
  EXPECT_TRUE(loaded->layers[0].declared_size.has_value());
  EXPECT_FALSE(loaded->layers[0].diff_id.empty());
  EXPECT_EQ(loaded->layers[0].blob, nullptr);
  // Metadata only so far: /v2/ (401), the token, the manifest and the config.
  auto requests = registry.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].target, "/v2/");
  EXPECT_EQ(requests[0].headers.count("authorization"), 0u);
  EXPECT_EQ(requests[1].target, "/token?service=fake%20registry&scope=repository%3Alibrary%2Fapp%3Apull");
  EXPECT_EQ(requests[1].headers.count("authorization"), 0u);
  EXPECT_EQ(requests[2].target, "/v2/library/app/manifests/1.0");
  EXPECT_EQ(requests[2].headers.at("authorization"), "Bearer tok-4f1c");
  EXPECT_NE(requests[2].headers.at("accept").find("application/vnd.docker.distribution.manifest.list.v2+json"),
            std::string::npos);
  EXPECT_EQ(registry.CountRequests("/v2/library/app/blobs/"), 1);

  auto contents = image::ReadLayers(*loaded, {}, 2);
  ASSERT_TRUE(contents) << contents.error().message;
  ASSERT_EQ(contents->size(), 2u);
  EXPECT_EQ((*contents)[0].entries.size(), 2u);
  EXPECT_EQ((*contents)[0].compressed_size, *loaded->layers[0].declared_size);
  EXPECT_EQ(registry.CountRequests("/v2/library/app/blobs/"), 3);
}

TEST(RegistrySourceTest, AccessTokenAnswerAndDigestReference) {
  NoDockerConfig no_config;
  Registry registry({.auth = Registry::Auth::kBearer, .access_token = true});
  ASSERT_TRUE(registry.started());
  std::string digest = registry.AddOciArchive(SmallOci(), "");
  auto loaded = image::OpenImage("registry://" + registry.host_port() + "/library/app@" + digest, Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->digest, digest);
  EXPECT_TRUE(loaded->repo_tags.empty());
}

TEST(RegistrySourceTest, DigestReferenceMustMatchTheBytes) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  const std::string wrong = "sha256:" + std::string(64, '0');
  registry.AddManifest(wrong, "application/vnd.oci.image.manifest.v1+json",
                       R"({"schemaVersion":2,"config":{},"layers":[]})");
  const std::string name = "registry://" + registry.host_port() + "/library/app@" + wrong;
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, name + ": the manifest does not match its digest " + wrong);
}

TEST(RegistrySourceTest, CredentialsFromDockerConfigGoToTheTokenEndpoint) {
  Registry registry({.auth = Registry::Auth::kBearer, .user = "alice", .password = "s3cret"});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "latest");
  DockerConfigDir config(R"({"auths":{"http://)" + registry.host_port() + R"(":{"auth":")" +
                         Base64Encode("alice:s3cret") + R"("}}})");
  auto loaded = image::OpenImage("registry://" + registry.host_port() + "/library/app", Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto requests = registry.requests();
  ASSERT_GE(requests.size(), 2u);
  EXPECT_EQ(requests[1].headers.at("authorization"), "Basic " + Base64Encode("alice:s3cret"));
}

TEST(RegistrySourceTest, OptionsCredentialsBeatTheConfigAndWrongOnesAreRefused) {
  Registry registry({.auth = Registry::Auth::kBearer, .user = "bob", .password = "pw"});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "latest");
  DockerConfigDir config(R"({"auths":{")" + registry.host_port() + R"(":{"auth":")" + Base64Encode("alice:x") + R"("}}})");
  image::OpenOptions options = Insecure();
  options.username = "bob";
  options.password = "pw";
  const std::string name = "registry://" + registry.host_port() + "/library/app";
  auto loaded = image::OpenImage(name, options);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(registry.requests()[1].headers.at("authorization"), "Basic " + Base64Encode("bob:pw"));

  options.password = "wrong";
  auto refused = image::OpenImage(name, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, name + ": unauthorized: " + registry.host_port() + " answered 401 for library/app as bob");
  EXPECT_EQ(refused.error().message.find("wrong"), std::string::npos);
}

TEST(RegistrySourceTest, BasicAuthRegistry) {
  NoDockerConfig no_config;
  Registry registry({.auth = Registry::Auth::kBasic, .user = "carol", .password = "pw"});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "latest");
  const std::string name = "registry://" + registry.host_port() + "/library/app";
  auto anonymous = image::OpenImage(name, Insecure());
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().message,
            name + ": unauthorized: " + registry.host_port() +
                " answered 401 for library/app without credentials (give --username with --password-stdin, or docker login)");
  image::OpenOptions options = Insecure();
  options.username = "carol";
  options.password = "pw";
  auto loaded = image::OpenImage(name, options);
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto contents = image::ReadLayers(*loaded, {}, 2);
  ASSERT_TRUE(contents) << contents.error().message;
  for (const auto& request : registry.requests()) {
    if (request.target.rfind("/v2/library/app/blobs/", 0) == 0) {
      EXPECT_EQ(request.headers.at("authorization"), "Basic " + Base64Encode("carol:pw"));
    }
  }
}

TEST(RegistrySourceTest, DockerV2Manifest) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  std::string digest = registry.AddOciArchive(SmallOci(), "v2", /*docker_types=*/true);
  auto loaded = image::OpenImage("registry://" + registry.host_port() + "/library/app:v2", Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->digest, digest);
  ASSERT_EQ(loaded->layers.size(), 2u);
  EXPECT_EQ(loaded->layers[0].media_type, "application/vnd.docker.image.rootfs.diff.tar.gzip");
  EXPECT_EQ(loaded->layers[1].media_type, "application/vnd.docker.image.rootfs.diff.tar");
  auto contents = image::ReadLayers(*loaded, {}, 2);
  ASSERT_TRUE(contents) << contents.error().message;
}

// An index: linux/amd64 -> image A, linux/arm64/v8 -> image B, plus an attestation.
struct IndexedRegistry {
  Registry registry{{}};
  std::string amd64;
  std::string arm64;
  IndexedRegistry(const std::string& media_type = "application/vnd.oci.image.index.v1+json") {
    amd64 = registry.AddOciArchive(SmallOci("amd64"), "");
    arm64 = registry.AddOciArchive(SmallOci("arm64"), "");
    nlohmann::json index = {{"schemaVersion", 2}, {"mediaType", media_type}, {"manifests", nlohmann::json::array()}};
    auto add = [&](const std::string& digest, nlohmann::json platform) {
      index["manifests"].push_back({{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                                    {"digest", digest}, {"size", 100}, {"platform", platform}});
    };
    add(amd64, {{"os", "linux"}, {"architecture", "amd64"}});
    add(arm64, {{"os", "linux"}, {"architecture", "arm64"}, {"variant", "v8"}});
    add(amd64, {{"os", "unknown"}, {"architecture", "unknown"}});
    registry.AddManifest("multi", media_type, index.dump());
  }
  std::string name() const { return "registry://" + registry.host_port() + "/library/app:multi"; }
};

TEST(RegistrySourceTest, IndexPicksThePlatformAskedFor) {
  NoDockerConfig no_config;
  IndexedRegistry indexed;
  ASSERT_TRUE(indexed.registry.started());
  const std::string name = indexed.name();
  image::OpenOptions options = Insecure();
  options.platform = "linux/arm64";
  auto arm = image::OpenImage(name, options);
  ASSERT_TRUE(arm) << arm.error().message;
  EXPECT_EQ(arm->digest, indexed.arm64);
  options.platform = "linux/amd64";
  auto amd = image::OpenImage(name, options);
  ASSERT_TRUE(amd) << amd.error().message;
  EXPECT_EQ(amd->digest, indexed.amd64);
}

TEST(RegistrySourceTest, IndexDefaultsToThisMachinesPlatform) {
  NoDockerConfig no_config;
  IndexedRegistry indexed("application/vnd.docker.distribution.manifest.list.v2+json");
  ASSERT_TRUE(indexed.registry.started());
  const std::string name = indexed.name();
  auto loaded = image::OpenImage(name, Insecure());
  std::string host = image::HostPlatform();
  if (image::PlatformMatches("linux/amd64", host)) {
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->digest, indexed.amd64);
  } else if (image::PlatformMatches("linux/arm64/v8", host)) {
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->digest, indexed.arm64);
  } else {
    ASSERT_FALSE(loaded);
  }
}

TEST(RegistrySourceTest, MissingPlatformListsTheAvailableOnes) {
  NoDockerConfig no_config;
  IndexedRegistry indexed;
  ASSERT_TRUE(indexed.registry.started());
  const std::string name = indexed.name();
  image::OpenOptions options = Insecure();
  options.platform = "linux/s390x";
  auto loaded = image::OpenImage(name, options);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, name + ": no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8");
}

TEST(RegistrySourceTest, Schema1IsRefused) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  registry.AddManifest("old", "application/vnd.docker.distribution.manifest.v1+prettyjws",
                       R"({"schemaVersion":1,"name":"library/app","tag":"old","fsLayers":[]})");
  const std::string name = "registry://" + registry.host_port() + "/library/app:old";
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            name + ": the registry answered a schema 1 manifest, which slimage does not read (push the image again "
                   "with a current client to get a v2 or OCI manifest)");
}

TEST(RegistrySourceTest, UnknownTagAndRepositoryNameTheImage) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "1.0");
  const std::string tag = "registry://" + registry.host_port() + "/library/app:nope";
  auto missing = image::OpenImage(tag, Insecure());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, tag + ": manifest unknown: " + registry.host_port() + " has no library/app:nope");
  const std::string repo = "registry://" + registry.host_port() + "/other/app:1.0";
  auto unknown = image::OpenImage(repo, Insecure());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, repo + ": repository unknown: " + registry.host_port() + " has no repository other/app");
}

TEST(RegistrySourceTest, LayerBlobThatDoesNotMatchItsDigest) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "latest");
  const std::string name = "registry://" + registry.host_port() + "/library/app";
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  // The uncompressed second layer, served as another tar of the same length.
  const image::LayerDescriptor& layer = loaded->layers[1];
  std::string other = MakeTar({Dir("app"), File("app/run", "#!/bin/rc\n")});
  ASSERT_EQ(other.size(), *layer.declared_size);
  registry.CorruptBlob(layer.digest, other);
  auto contents = image::ReadLayers(*loaded, {}, 2);
  ASSERT_FALSE(contents);
  EXPECT_EQ(contents.error().message, name + ": layer 1 (" + layer.digest + "): blob does not match its digest " +
                                          layer.digest + " (got " + Sha256Of(other) + ")");
}

TEST(RegistrySourceTest, LayerBlobOfAnotherSizeThanDeclared) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  TestImage image;
  image.layers.push_back({{File("a", "x")}, Compress::kGzip, "RUN a"});
  std::string archive = MakeOciArchive(image);
  // Re-declare the layer one byte larger than it is (digest unchanged).
  registry.AddOciArchive(archive, "real");
  auto real = image::OpenImage("registry://" + registry.host_port() + "/library/app:real", Insecure());
  ASSERT_TRUE(real) << real.error().message;
  const std::string layer_digest = real->layers[0].digest;
  uint64_t size = *real->layers[0].declared_size;
  nlohmann::json manifest = {
      {"schemaVersion", 2},
      {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
      {"config", {{"mediaType", "application/vnd.oci.image.config.v1+json"}, {"digest", registry.AddBlob(real->config_json)}, {"size", real->config_json.size()}}},
      {"layers", {{{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"}, {"digest", layer_digest}, {"size", size + 1}}}}};
  registry.AddManifest("bad-size", "application/vnd.oci.image.manifest.v1+json", manifest.dump());
  const std::string name = "registry://" + registry.host_port() + "/library/app:bad-size";
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto contents = image::ReadLayers(*loaded, {}, 2);
  ASSERT_FALSE(contents);
  EXPECT_EQ(contents.error().message, name + ": layer 0 (" + layer_digest + "): blob is " + std::to_string(size) +
                                          " bytes but its descriptor says " + std::to_string(size + 1));
}

TEST(RegistrySourceTest, BlobsFollowRedirects) {
  NoDockerConfig no_config;
  Registry registry({.auth = Registry::Auth::kBearer, .redirect_blobs = true});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "latest");
  auto loaded = image::OpenImage("registry://" + registry.host_port() + "/library/app", Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  auto contents = image::ReadLayers(*loaded, {}, 2);
  ASSERT_TRUE(contents) << contents.error().message;
  EXPECT_EQ(registry.CountRequests("/storage/sha256:"), 3);  // the config and both layers
  EXPECT_EQ((*contents)[1].entries.size(), 2u);
}

TEST(RegistrySourceTest, MissingLayerBlobSaysWhatTheRegistryAnswered) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  registry.AddOciArchive(SmallOci(), "latest");
  const std::string name = "registry://" + registry.host_port() + "/library/app";
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_TRUE(loaded) << loaded.error().message;
  const std::string digest = loaded->layers[1].digest;
  registry.RemoveBlob(digest);
  auto contents = image::ReadLayers(*loaded, {}, 1);
  ASSERT_FALSE(contents);
  EXPECT_EQ(contents.error().message,
            name + ": layer 1 (" + digest + "): " + registry.host_port() + " answered 404 BLOB_UNKNOWN for blob " + digest);
}

TEST(RegistrySourceTest, ConnectionRefusedHintsInsecureForLocalhost) {
  std::string host_port;
  {
    auto server = FakeHttpServer::StartTcp([](const FakeHttpServer::Request&) { return FakeHttpServer::Response{}; });
    ASSERT_NE(server, nullptr);
    host_port = server->host_port();
  }
  const std::string name = "registry://" + host_port + "/library/app";
  auto refused = image::OpenImage(name, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            name + ": cannot connect to " + host_port + ": connection refused (a plain-HTTP registry on localhost needs --insecure)");
  auto plain = image::OpenImage(name, Insecure());
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().message, name + ": cannot connect to " + host_port + ": connection refused");
}

TEST(RegistrySourceTest, HttpsAgainstAPlainRegistryIsATlsError) {
  NoDockerConfig no_config;
  Registry registry({});
  ASSERT_TRUE(registry.started());
  const std::string name = "registry://" + registry.host_port() + "/library/app";
  auto loaded = image::OpenImage(name, {});
  ASSERT_FALSE(loaded);
  const std::string& message = loaded.error().message;
  EXPECT_EQ(message.rfind(name + ": TLS error with " + registry.host_port() + ": ", 0), 0u) << message;
  const std::string hint = " (a plain-HTTP registry on localhost needs --insecure)";
  EXPECT_EQ(message.substr(message.size() - hint.size()), hint) << message;
}

TEST(RegistrySourceTest, NotARegistry) {
  auto server = FakeHttpServer::StartTcp([](const FakeHttpServer::Request&) {
    return FakeHttpServer::Response{404, {}, "no"};
  });
  ASSERT_NE(server, nullptr);
  const std::string name = "registry://" + server->host_port() + "/library/app";
  auto loaded = image::OpenImage(name, Insecure());
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message, name + ": " + server->host_port() + " is not an OCI registry (GET /v2/ answered 404)");
}

TEST(RegistrySourceTest, MalformedReferenceIsOneLine) {
  auto loaded = image::OpenImage("registry://host/UPPER", {});
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "registry://host/UPPER: malformed registry reference: the name has a component that is not lower-case "
            "letters and digits joined by '.', '_', '__' or '-'; expected registry://HOST[:PORT]/NAME[:TAG|@DIGEST]");
}

}  // namespace
}  // namespace slimage::testing
