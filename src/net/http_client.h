// HTTP over TCP (TLS when https://) or a unix socket, with libcurl. Two shapes: Fetch() for
// small answers (JSON, manifests), capped; OpenStream() for bodies read as they arrive
// (layer blobs, `docker save` streams), so nothing large is ever held or written to disk.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "image/byte_stream.h"
#include "util/expected.h"

namespace slimage::net {

struct HttpRequest {
  std::string method = "GET";
  std::string url;                   // for a unix socket: http://localhost/path
  std::string unix_socket;           // socket path, or "" for TCP
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // sent when not empty
  long connect_timeout_seconds = 10;
  long stall_timeout_seconds = 60;   // give up when no byte arrives for this long
  bool follow_redirects = true;      // registries redirect blobs to storage
  // TLS for a private registry (net/registry_certs.h): CA certificates in PEM, trusted instead of
  // the system's; a client certificate and key (PEM files) for mutual TLS.
  std::string ca_pem;
  std::string client_cert_file;
  std::string client_key_file;
};

struct HttpHeaders {
  std::vector<std::pair<std::string, std::string>> entries;  // names in lower case
  // The last value of `name` (any case), or "".
  std::string Get(std::string_view name) const;
};

struct HttpResponse {
  long status = 0;
  HttpHeaders headers;
  std::string body;
};

// Performs the request and keeps at most `max_body_bytes` of the answer (more is an error).
// Errors name the URL (or socket) and say why: no such socket, permission denied, refused...
Expected<HttpResponse> Fetch(const HttpRequest& request, size_t max_body_bytes);

// A response whose status and headers are known and whose body is read on demand.
class HttpBodyStream : public image::ByteStream {
 public:
  virtual long status() const = 0;
  virtual const HttpHeaders& headers() const = 0;
};

// Returns once the final status and headers have arrived; the body follows through Read().
Expected<std::unique_ptr<HttpBodyStream>> OpenStream(const HttpRequest& request, std::string name);

}  // namespace slimage::net
