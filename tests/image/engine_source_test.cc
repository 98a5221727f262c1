// docker:// against a fake Engine on a unix socket (and tcp://): negotiation, errors, and the
// streamed export giving the same figures as the archive it came from.
#include "image/engine_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/fake_http_server.h"
#include "support/run_cli.h"

namespace slimage::image {
namespace {

using nlohmann::json;
using slimage::testing::FakeHttpServer;
using slimage::testing::RunCli;
using slimage::testing::SharedPath;

// Plays a Docker Engine that holds one image, `app:1`, exported as `archive`.
class FakeEngine {
 public:
  FakeEngine(std::string api_version, const std::string& archive_path, bool tcp = false)
      : api_version_(std::move(api_version)), archive_(slimage::testing::ReadFileBytes(archive_path)) {
    auto file = OpenFileSource(archive_path);
    auto image = OpenArchive(*file, {});
    id_ = image->digest;
    json config = json::parse(image->config_json);
    diff_ids_ = config["rootfs"]["diff_ids"];
    auto handler = [this](const FakeHttpServer::Request& request) { return Answer(request); };
    if (tcp) {
      server_ = FakeHttpServer::StartTcp(handler);
      docker_host_ = "tcp://" + server_->host_port();
    } else {
      socket_ = (std::filesystem::temp_directory_path() /
                 ("slimage-engine-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) + ".sock"))
                    .string();
      server_ = FakeHttpServer::StartUnix(socket_, handler);
      docker_host_ = "unix://" + socket_;
    }
  }
  ~FakeEngine() {
    server_.reset();
    if (!socket_.empty()) ::unlink(socket_.c_str());
  }
  const std::string& docker_host() const { return docker_host_; }
  const std::string& id() const { return id_; }
  std::vector<FakeHttpServer::Request> requests() const { return server_->requests(); }

 private:
  FakeHttpServer::Response Answer(const FakeHttpServer::Request& request) {
    std::string prefix = "/v" + std::min(api_version_, std::string("1.45")) + "/images/app:1/";
    if (request.target == "/_ping") return {200, {{"Api-Version", api_version_}}, "OK"};
    if (request.target == "/version") return {200, {}, json{{"ApiVersion", api_version_}, {"MinAPIVersion", "1.24"}}.dump()};
    if (request.target == prefix + "json") {
      json inspect{{"Id", id_}, {"RepoTags", {"app:1"}}, {"Os", "linux"}, {"Architecture", "amd64"},
                   {"Size", 1220598}, {"RootFS", {{"Type", "layers"}, {"Layers", diff_ids_}}}};
      return {200, {{"Content-Type", "application/json"}}, inspect.dump()};
    }
    if (request.target == prefix + "history") {
      return {200, {}, json::array({{{"CreatedBy", "CMD [\"sh\"]"}, {"Size", 0}}, {{"CreatedBy", "ADD rootfs"}, {"Size", 1154361}}}).dump()};
    }
    if (request.target == prefix + "get") return {200, {{"Content-Type", "application/x-tar"}}, archive_};
    std::string name = request.target.substr(request.target.find("/images/") + 8);
    return {404, {}, json{{"message", "No such image: " + name.substr(0, name.rfind('/'))}}.dump()};
  }

  static inline int counter_ = 0;
  std::string api_version_;
  std::string archive_;
  std::string id_;
  json diff_ids_;
  std::string socket_;
  std::string docker_host_;
  std::unique_ptr<FakeHttpServer> server_;
};

class ScopedDockerHost {
 public:
  explicit ScopedDockerHost(const std::string& value) {
    const char* old = std::getenv("DOCKER_HOST");
    if (old) old_ = old;
    ::setenv("DOCKER_HOST", value.c_str(), 1);
  }
  ~ScopedDockerHost() {
    if (old_) ::setenv("DOCKER_HOST", old_->c_str(), 1);
    else ::unsetenv("DOCKER_HOST");
  }

 private:
  std::optional<std::string> old_;
};

const std::string kArchive = SharedPath("images/dive/test-docker-image.tar");

json WithoutSource(const std::string& text) {
  json document = json::parse(text);
  document["image"].erase("source");
  return document;
}

TEST(EngineSourceTest, AnalyzeFromTheEngineEqualsTheArchive) {
  FakeEngine engine("1.43", kArchive);
  ScopedDockerHost host(engine.docker_host());
  auto from_engine = RunCli({"analyze", "docker://app:1", "--format", "json", "--fail-on", "none"});
  ASSERT_EQ(from_engine.exit_code, 0) << from_engine.err;
  auto from_archive = RunCli({"analyze", kArchive, "--format", "json", "--fail-on", "none"});
  ASSERT_EQ(from_archive.exit_code, 0) << from_archive.err;
  EXPECT_EQ(WithoutSource(from_engine.out), WithoutSource(from_archive.out));
  EXPECT_EQ(json::parse(from_engine.out)["image"]["source"], "docker://app:1");
  // The API version the daemon offered is the one used, and the export was asked once.
  int exports = 0;
  for (const auto& request : engine.requests()) {
    if (request.target.rfind("/v1.", 0) == 0) {
      EXPECT_EQ(request.target.rfind("/v1.43/", 0), 0u) << request.target;
    }
    if (request.target == "/v1.43/images/app:1/get") ++exports;
  }
  EXPECT_EQ(exports, 1);
}

TEST(EngineSourceTest, DaemonPrefixAndTcpHostWork) {
  FakeEngine engine("1.47", kArchive, /*tcp=*/true);
  ScopedDockerHost host(engine.docker_host());
  auto result = RunCli({"history", "daemon:app:1"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("1.2 MB"), std::string::npos) << result.out;  // busybox's layer, 1154361 bytes
  for (const auto& request : engine.requests()) {
    if (request.target.rfind("/v1.", 0) == 0) {
      EXPECT_EQ(request.target.rfind("/v1.45/", 0), 0u) << request.target;
    }
  }
}

TEST(EngineSourceTest, InspectReadsMetadataWithoutExporting) {
  FakeEngine engine("1.41", kArchive);
  auto info = InspectEngineImage("docker://app:1", engine.docker_host());
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->id, engine.id());
  EXPECT_EQ(info->repo_tags, std::vector<std::string>{"app:1"});
  EXPECT_EQ(info->diff_ids.size(), 14u);
  ASSERT_EQ(info->history.size(), 2u);
  EXPECT_EQ(info->history[0].created_by, "ADD rootfs");  // oldest first
  EXPECT_EQ(info->api_version, "1.41");
  for (const auto& request : engine.requests()) EXPECT_EQ(request.target.find("/get"), std::string::npos);
}

TEST(EngineSourceTest, AnUnknownImageIsNamed) {
  FakeEngine engine("1.43", kArchive);
  ScopedDockerHost host(engine.docker_host());
  auto result = RunCli({"analyze", "docker://no-such-image:2"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: docker://no-such-image:2: no image named no-such-image:2 in the Docker daemon at " +
                            engine.docker_host() + "\n");
}

TEST(EngineSourceTest, AnApiTooOldIsRefused) {
  FakeEngine engine("1.40", kArchive);
  ScopedDockerHost host(engine.docker_host());
  auto result = RunCli({"analyze", "docker://app:1"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: docker://app:1: the daemon at " + engine.docker_host() +
                            " speaks Engine API 1.40; slimage needs 1.41 or newer\n");
}

TEST(EngineSourceTest, NoDaemonSaysSo) {
  ScopedDockerHost host("unix:///nonexistent/slimage/docker.sock");
  auto result = RunCli({"analyze", "docker://app:1"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "slimage: docker://app:1: no Docker daemon at unix:///nonexistent/slimage/docker.sock "
            "(is dockerd running? DOCKER_HOST selects another one)\n");
}

TEST(EngineSourceTest, BadNamesAndHostsAreRefusedBeforeConnecting) {
  ScopedDockerHost host("ssh://user@box");
  auto bad_host = RunCli({"analyze", "docker://app:1"});
  EXPECT_EQ(bad_host.exit_code, 2);
  EXPECT_EQ(bad_host.err, "slimage: docker://app:1: DOCKER_HOST=ssh://user@box: only unix:// and tcp:// daemons are supported\n");
  auto bad_name = RunCli({"analyze", "docker://app?x=1"});
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_EQ(bad_name.err, "slimage: docker://app?x=1: not a valid image name\n");
}

TEST(EngineSourceTest, ParseDockerHostForms) {
  auto socket = ParseDockerHost("unix:///run/user/1000/podman/podman.sock");
  ASSERT_TRUE(socket);
  EXPECT_EQ(socket->unix_socket, "/run/user/1000/podman/podman.sock");
  EXPECT_EQ(socket->base_url, "http://localhost");
  auto tcp = ParseDockerHost("tcp://10.0.0.5");
  ASSERT_TRUE(tcp);
  EXPECT_EQ(tcp->base_url, "http://10.0.0.5:2375");
  EXPECT_TRUE(tcp->unix_socket.empty());
  EXPECT_FALSE(ParseDockerHost("unix://relative.sock"));
  EXPECT_FALSE(ParseDockerHost("tcp://host:1/path"));
}

}  // namespace
}  // namespace slimage::image
