// The OCI distribution API for one repository: GET /v2/, the token (or Basic) challenge,
// manifests and blobs. Every error is one line that starts with the image as the user named it.
// Thread-safe: layer blobs are opened from several reader threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "image/byte_stream.h"
#include "net/docker_credentials.h"
#include "net/http_client.h"
#include "net/registry_reference.h"
#include "net/registry_certs.h"
#include "util/expected.h"

namespace slimage::net {

struct RegistryClientOptions {
  bool insecure = false;                   // http:// instead of https://
  std::optional<Credentials> credentials;  // nullopt: anonymous
  size_t max_metadata_bytes = 16u << 20;   // cap on manifests, configs, tokens, error bodies
  RegistryTls tls;                         // certs.d / --cert-dir files for this registry
};

// The Accept header of manifest requests: OCI manifest and index, Docker v2 manifest and list.
extern const char* const kManifestAccept;

class RegistryClient {
 public:
  RegistryClient(RegistryReference reference, std::string image, RegistryClientOptions options);

  // GET /v2/; on a 401 gets a token (or sets Basic auth) for pulling the repository.
  Status Ping();
  // GET /v2/NAME/manifests/REFERENCE with Accept; 404s and 401s become errors naming the image.
  Expected<HttpResponse> GetManifest(const std::string& reference);
  // GET /v2/NAME/blobs/DIGEST read whole (at most max_metadata_bytes) and sha256-checked.
  Expected<std::string> GetBlob(const std::string& digest, const std::string& what);
  // GET /v2/NAME/blobs/DIGEST as a stream (redirects followed); the status is checked.
  Expected<std::unique_ptr<image::ByteStream>> OpenBlob(const std::string& digest);

  const RegistryReference& reference() const { return reference_; }
  const std::string& image() const { return image_; }

 private:
  HttpRequest Request(const std::string& path) const;
  Expected<HttpResponse> Get(const std::string& path, const std::vector<std::string>& headers);
  // From a 401's WWW-Authenticate: sets authorization_ (Bearer token or Basic).
  Status Authenticate(const HttpHeaders& headers);
  Expected<std::string> FetchToken(const std::string& realm, const std::string& service, const std::string& scope);
  Error ConnectError(const std::string& url, const Error& cause) const;
  Error Unauthorized(long status) const;
  std::string Authorization() const;

  RegistryReference reference_;
  std::string image_;
  RegistryClientOptions options_;
  std::string base_url_;
  mutable std::mutex mutex_;
  std::string authorization_;  // "Bearer …" or "Basic …", or "" (never printed)
};

}  // namespace slimage::net
