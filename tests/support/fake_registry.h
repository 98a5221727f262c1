// An OCI distribution registry for tests, on FakeHttpServer: /v2/, a token endpoint, manifests
// by tag or digest, blobs (optionally through a redirect), Bearer or Basic auth.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "support/fake_http_server.h"

namespace slimage::testing {

class FakeRegistry {
 public:
  enum class Auth { kNone, kBearer, kBasic };
  struct Options {
    std::string repository = "library/app";
    Auth auth = Auth::kNone;
    std::string user{};       // with auth: the credentials required ("" = anonymous tokens)
    std::string password{};
    bool access_token = false;  // answer {"access_token": …} instead of {"token": …}
    bool redirect_blobs = false;  // blobs answer 307 to /storage/DIGEST
  };
  explicit FakeRegistry(Options options);

  // Adds a blob; returns its digest.
  std::string AddBlob(const std::string& bytes);
  // Serves `body` as the manifest for `tag` (when not "") and for its digest; returns the digest.
  std::string AddManifest(const std::string& tag, const std::string& media_type, const std::string& body);
  // Serves every blob of an OCI layout tar and its (only) image manifest under `tag`. With
  // docker_types the manifest's media types are rewritten to Docker v2's. Returns its digest.
  std::string AddOciArchive(const std::string& archive, const std::string& tag, bool docker_types = false);
  // Replaces the bytes served for `digest` (to serve something that does not match it).
  void CorruptBlob(const std::string& digest, const std::string& bytes);
  void RemoveBlob(const std::string& digest);

  bool started() const { return server_ != nullptr; }
  std::string host_port() const { return server_->host_port(); }
  std::vector<FakeHttpServer::Request> requests() const { return server_->requests(); }
  // Requests whose target starts with `prefix`.
  int CountRequests(const std::string& prefix) const;

 private:
  FakeHttpServer::Response Handle(const FakeHttpServer::Request& request);
  bool Authorized(const FakeHttpServer::Request& request) const;
  FakeHttpServer::Response Challenge() const;

  Options options_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> blobs_;
  std::map<std::string, std::pair<std::string, std::string>> manifests_;  // reference -> type, body
  std::unique_ptr<FakeHttpServer> server_;
};

}  // namespace slimage::testing
