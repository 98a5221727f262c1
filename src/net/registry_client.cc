#include "net/registry_client.h"

#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/sha256.h"
#include "net/www_authenticate.h"
#include "util/base64.h"

namespace slimage::net {
namespace {

using nlohmann::json;

std::string PercentEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

bool EndsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool IsLocalhost(const std::string& host) {
  std::string name = host;
  if (name.rfind("[::1]", 0) == 0) return true;
  if (size_t colon = name.find(':'); colon != std::string::npos) name = name.substr(0, colon);
  return name == "localhost" || name.rfind("127.", 0) == 0;
}

// The first error code of a registry error body ({"errors":[{"code":…}]}), or "".
std::string ErrorCode(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("errors") || !parsed["errors"].is_array() || parsed["errors"].empty()) {
    return "";
  }
  const json& first = parsed["errors"][0];
  if (!first.is_object() || !first.contains("code") || !first["code"].is_string()) return "";
  std::string code = first["code"].get<std::string>();
  if (code.size() > 64) code.resize(64);
  for (char& c : code) {
    if (c < ' ' || c > '~') c = '?';
  }
  return code;
}

}  // namespace

const char* const kManifestAccept =
    "Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json";

RegistryClient::RegistryClient(RegistryReference reference, std::string image, RegistryClientOptions options)
    : reference_(std::move(reference)), image_(std::move(image)), options_(std::move(options)) {
  base_url_ = (options_.insecure ? "http://" : "https://") + reference_.host;
}

HttpRequest RegistryClient::Request(const std::string& path) const {
  HttpRequest request;
  request.url = base_url_ + path;
  request.follow_redirects = true;
  request.ca_pem = options_.tls.ca_pem;
  request.client_cert_file = options_.tls.client_cert_file;
  request.client_key_file = options_.tls.client_key_file;
  return request;
}

std::string RegistryClient::Authorization() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return authorization_;
}

Error RegistryClient::ConnectError(const std::string& url, const Error& cause) const {
  std::string detail = cause.message;
  if (detail.rfind(url + ": ", 0) == 0) detail = detail.substr(url.size() + 2);
  std::string hint = !options_.insecure && IsLocalhost(reference_.host)
                         ? " (a plain-HTTP registry on localhost needs --insecure)"
                         : "";
  if (detail.find("Could not resolve host") != std::string::npos) {
    return MakeError("{}: no such host {}", image_, reference_.host);
  }
  if (EndsWith(detail, "connection refused")) {
    return MakeError("{}: cannot connect to {}: connection refused{}", image_, reference_.host, hint);
  }
  if (detail.find("SSL") != std::string::npos || detail.find("TLS") != std::string::npos ||
      detail.find("certificate") != std::string::npos) {
    return MakeError("{}: TLS error with {}: {}{}", image_, reference_.host, detail, hint);
  }
  return MakeError("{}: cannot talk to {}: {}", image_, reference_.host, detail);
}

Error RegistryClient::Unauthorized(long status) const {
  std::string who = options_.credentials
                        ? fmt::format("as {}", options_.credentials->username)
                        : std::string("without credentials (give --username with --password-stdin, or docker login)");
  return MakeError("{}: unauthorized: {} answered {} for {} {}", image_, reference_.host, status,
                   reference_.repository, who);
}

Expected<HttpResponse> RegistryClient::Get(const std::string& path, const std::vector<std::string>& headers) {
  for (int attempt = 0;; ++attempt) {
    HttpRequest request = Request(path);
    request.headers = headers;
    if (std::string authorization = Authorization(); !authorization.empty()) {
      request.headers.push_back("Authorization: " + authorization);
    }
    auto response = Fetch(request, options_.max_metadata_bytes);
    if (!response) return ConnectError(request.url, response.error());
    if (response->status == 401 && attempt == 0) {
      if (Status status = Authenticate(response->headers); !status) return status.error();
      continue;
    }
    if (response->status == 401 || response->status == 403) return Unauthorized(response->status);
    return response;
  }
}

Status RegistryClient::Ping() {
  HttpRequest request = Request("/v2/");
  auto response = Fetch(request, options_.max_metadata_bytes);
  if (!response) return ConnectError(request.url, response.error());
  if (response->status == 200) return {};
  if (response->status == 401) return Authenticate(response->headers);
  return MakeError("{}: {} is not an OCI registry (GET /v2/ answered {})", image_, reference_.host, response->status);
}

Status RegistryClient::Authenticate(const HttpHeaders& headers) {
  std::vector<AuthChallenge> challenges;
  for (const auto& [name, value] : headers.entries) {
    if (name != "www-authenticate") continue;
    for (AuthChallenge& challenge : ParseWwwAuthenticate(value)) challenges.push_back(std::move(challenge));
  }
  const AuthChallenge* bearer = nullptr;
  const AuthChallenge* basic = nullptr;
  for (const AuthChallenge& challenge : challenges) {
    if (challenge.scheme == "bearer" && bearer == nullptr) bearer = &challenge;
    if (challenge.scheme == "basic" && basic == nullptr) basic = &challenge;
  }
  if (bearer != nullptr) {
    std::string realm = bearer->Param("realm");
    if (realm.rfind("https://", 0) != 0 && realm.rfind("http://", 0) != 0) {
      return MakeError("{}: {} asked for a token without a usable realm", image_, reference_.host);
    }
    std::string scope = bearer->Param("scope");
    if (scope.empty()) scope = "repository:" + reference_.repository + ":pull";
    auto token = FetchToken(realm, bearer->Param("service"), scope);
    if (!token) return token.error();
    std::lock_guard<std::mutex> lock(mutex_);
    authorization_ = "Bearer " + *token;
    return {};
  }
  if (basic != nullptr) {
    if (!options_.credentials) return Unauthorized(401);
    std::lock_guard<std::mutex> lock(mutex_);
    authorization_ = "Basic " + Base64Encode(options_.credentials->username + ":" + options_.credentials->password);
    return {};
  }
  return MakeError("{}: {} answered 401 without a Bearer or Basic challenge", image_, reference_.host);
}

Expected<std::string> RegistryClient::FetchToken(const std::string& realm, const std::string& service,
                                                 const std::string& scope) {
  std::string url = realm;
  url += realm.find('?') == std::string::npos ? '?' : '&';
  if (!service.empty()) url += "service=" + PercentEncode(service) + "&";
  url += "scope=" + PercentEncode(scope);
  HttpRequest request;
  request.url = url;
  if (options_.credentials) {
    if (realm.rfind("http://", 0) == 0 && !options_.insecure) {
      return MakeError("{}: {} asks for credentials over plain HTTP ({}); refused", image_, reference_.host, realm);
    }
    request.headers.push_back("Authorization: Basic " +
                              Base64Encode(options_.credentials->username + ":" + options_.credentials->password));
  }
  auto response = Fetch(request, options_.max_metadata_bytes);
  if (!response) return ConnectError(url, response.error());
  if (response->status == 401 || response->status == 403) return Unauthorized(response->status);
  if (response->status != 200) {
    return MakeError("{}: the token service of {} answered {}", image_, reference_.host, response->status);
  }
  json answer = json::parse(response->body, nullptr, false);
  for (const char* key : {"token", "access_token"}) {
    if (answer.is_object() && answer.contains(key) && answer[key].is_string() && !answer[key].get<std::string>().empty()) {
      std::string token = answer[key].get<std::string>();
      if (token.find_first_of("\r\n") != std::string::npos) break;
      return token;
    }
  }
  return MakeError("{}: the token service of {} answered without a token", image_, reference_.host);
}

Expected<HttpResponse> RegistryClient::GetManifest(const std::string& reference) {
  auto response = Get("/v2/" + reference_.repository + "/manifests/" + reference, {kManifestAccept});
  if (!response) return response;
  if (response->status == 200) return response;
  std::string code = ErrorCode(response->body);
  std::string named = reference_.repository + (reference.rfind("sha256:", 0) == 0 ? "@" : ":") + reference;
  if (response->status == 404 && code == "NAME_UNKNOWN") {
    return MakeError("{}: repository unknown: {} has no repository {}", image_, reference_.host, reference_.repository);
  }
  if (response->status == 404) return MakeError("{}: manifest unknown: {} has no {}", image_, reference_.host, named);
  return MakeError("{}: {} answered {}{} for the manifest of {}", image_, reference_.host, response->status,
                   code.empty() ? "" : " " + code, named);
}

Expected<std::string> RegistryClient::GetBlob(const std::string& digest, const std::string& what) {
  auto response = Get("/v2/" + reference_.repository + "/blobs/" + digest, {});
  if (!response) return response.error();
  if (response->status != 200) {
    std::string code = ErrorCode(response->body);
    return MakeError("{}: {} {}: {} answered {}{}", image_, what, digest, reference_.host, response->status,
                     code.empty() ? "" : " " + code);
  }
  if (image::Sha256Digest(response->body) != digest) {
    return MakeError("{}: {} {} does not match its digest", image_, what, digest);
  }
  return std::move(response->body);
}

Expected<std::unique_ptr<image::ByteStream>> RegistryClient::OpenBlob(const std::string& digest) {
  std::string path = "/v2/" + reference_.repository + "/blobs/" + digest;
  for (int attempt = 0;; ++attempt) {
    HttpRequest request = Request(path);
    if (std::string authorization = Authorization(); !authorization.empty()) {
      request.headers.push_back("Authorization: " + authorization);
    }
    request.stall_timeout_seconds = 120;
    auto stream = OpenStream(request, request.url);
    if (!stream) return ConnectError(request.url, stream.error());
    long status = (*stream)->status();
    if (status == 200) return std::unique_ptr<image::ByteStream>(std::move(*stream));
    if (status == 401 && attempt == 0) {
      if (Status auth = Authenticate((*stream)->headers()); !auth) return auth.error();
      continue;
    }
    if (status == 401 || status == 403) return Unauthorized(status);
    auto body = image::ReadStreamToString(**stream, 64u << 10);
    std::string code = body ? ErrorCode(*body) : "";
    return MakeError("{}: {} answered {}{} for blob {}", image_, reference_.host, status,
                     code.empty() ? "" : " " + code, digest);
  }
}

}  // namespace slimage::net
