#include "support/fake_registry.h"

#include <nlohmann/json.hpp>

#include "image/byte_source.h"
#include "image/tar_index.h"
#include "support/image_builder.h"
#include "util/base64.h"

namespace slimage::testing {
namespace {

constexpr const char* kToken = "tok-4f1c";

FakeHttpServer::Response Error(int status, const std::string& code) {
  return {status, {{"Content-Type", "application/json"}},
          nlohmann::json{{"errors", {{{"code", code}, {"message", "fake"}}}}}.dump()};
}

std::string ReadMember(const image::TarIndex& index, const std::string& name) {
  auto source = index.Open(name);
  if (!source || !*source) return "";
  std::string bytes((*source)->size(), '\0');
  auto read = (*source)->ReadAt(0, std::span<std::byte>(reinterpret_cast<std::byte*>(bytes.data()), bytes.size()));
  if (!read) return "";
  bytes.resize(*read);
  return bytes;
}

}  // namespace

FakeRegistry::FakeRegistry(Options options) : options_(std::move(options)) {
  server_ = FakeHttpServer::StartTcp([this](const FakeHttpServer::Request& request) { return Handle(request); });
}

std::string FakeRegistry::AddBlob(const std::string& bytes) {
  std::string digest = Sha256Of(bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  blobs_[digest] = bytes;
  return digest;
}

void FakeRegistry::CorruptBlob(const std::string& digest, const std::string& bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  blobs_[digest] = bytes;
}

void FakeRegistry::RemoveBlob(const std::string& digest) {
  std::lock_guard<std::mutex> lock(mutex_);
  blobs_.erase(digest);
}

std::string FakeRegistry::AddManifest(const std::string& tag, const std::string& media_type, const std::string& body) {
  std::string digest = Sha256Of(body);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!tag.empty()) manifests_[tag] = {media_type, body};
  manifests_[digest] = {media_type, body};
  return digest;
}

std::string FakeRegistry::AddOciArchive(const std::string& archive, const std::string& tag, bool docker_types) {
  auto index = image::TarIndex::Build(image::MakeMemorySource(archive, "archive"));
  if (!index) return "";
  for (const auto& [name, member] : index->members()) {
    if (name.rfind("blobs/sha256/", 0) == 0) AddBlob(ReadMember(*index, name));
  }
  nlohmann::json top = nlohmann::json::parse(ReadMember(*index, "index.json"), nullptr, false);
  std::string digest = top["manifests"][0]["digest"].get<std::string>();
  std::string body = ReadMember(*index, "blobs/sha256/" + digest.substr(7));
  std::string type = "application/vnd.oci.image.manifest.v1+json";
  if (docker_types) {
    nlohmann::json manifest = nlohmann::json::parse(body);
    type = "application/vnd.docker.distribution.manifest.v2+json";
    manifest["mediaType"] = type;
    manifest["config"]["mediaType"] = "application/vnd.docker.container.image.v1+json";
    for (auto& layer : manifest["layers"]) {
      std::string media = layer["mediaType"].get<std::string>();
      layer["mediaType"] = media.find("gzip") != std::string::npos
                               ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                               : "application/vnd.docker.image.rootfs.diff.tar";
    }
    body = manifest.dump();
  }
  return AddManifest(tag, type, body);
}

int FakeRegistry::CountRequests(const std::string& prefix) const {
  int count = 0;
  for (const auto& request : server_->requests()) count += request.target.rfind(prefix, 0) == 0 ? 1 : 0;
  return count;
}

bool FakeRegistry::Authorized(const FakeHttpServer::Request& request) const {
  if (options_.auth == Auth::kNone) return true;
  auto it = request.headers.find("authorization");
  if (it == request.headers.end()) return false;
  if (options_.auth == Auth::kBearer) return it->second == std::string("Bearer ") + kToken;
  return it->second == "Basic " + Base64Encode(options_.user + ":" + options_.password);
}

FakeHttpServer::Response FakeRegistry::Challenge() const {
  FakeHttpServer::Response response = Error(401, "UNAUTHORIZED");
  if (options_.auth == Auth::kBearer) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"http://" + server_->host_port() +
                                                          "/token\",service=\"fake registry\"");
  } else {
    response.headers.emplace_back("WWW-Authenticate", "Basic realm=\"fake, with a comma\"");
  }
  return response;
}

FakeHttpServer::Response FakeRegistry::Handle(const FakeHttpServer::Request& request) {
  const std::string& target = request.target;
  if (target.rfind("/token?", 0) == 0) {
    if (!options_.user.empty()) {
      auto it = request.headers.find("authorization");
      if (it == request.headers.end() || it->second != "Basic " + Base64Encode(options_.user + ":" + options_.password)) {
        return Error(401, "UNAUTHORIZED");
      }
    }
    return {200, {}, nlohmann::json{{options_.access_token ? "access_token" : "token", kToken}}.dump()};
  }
  if (target.rfind("/storage/", 0) == 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = blobs_.find(target.substr(9));
    if (it == blobs_.end()) return Error(404, "BLOB_UNKNOWN");
    return {200, {}, it->second};
  }
  if (target.rfind("/v2/", 0) != 0) return {404, {}, ""};
  if (!Authorized(request)) return Challenge();
  if (target == "/v2/") return {200, {{"Docker-Distribution-Api-Version", "registry/2.0"}}, "{}"};
  std::string prefix = "/v2/" + options_.repository + "/";
  if (target.rfind(prefix, 0) != 0) return Error(404, "NAME_UNKNOWN");
  std::string rest = target.substr(prefix.size());
  std::lock_guard<std::mutex> lock(mutex_);
  if (rest.rfind("manifests/", 0) == 0) {
    auto it = manifests_.find(rest.substr(10));
    if (it == manifests_.end()) return Error(404, "MANIFEST_UNKNOWN");
    return {200,
            {{"Content-Type", it->second.first}, {"Docker-Content-Digest", Sha256Of(it->second.second)}},
            it->second.second};
  }
  if (rest.rfind("blobs/", 0) == 0) {
    std::string digest = rest.substr(6);
    auto it = blobs_.find(digest);
    if (it == blobs_.end()) return Error(404, "BLOB_UNKNOWN");
    if (options_.redirect_blobs) return {307, {{"Location", "/storage/" + digest}}, ""};
    return {200, {{"Content-Type", "application/octet-stream"}}, it->second};
  }
  return Error(404, "UNSUPPORTED");
}

}  // namespace slimage::testing
