#include "image/engine_source.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/sha256.h"
#include "net/http_client.h"
#include "util/json_field.h"

namespace slimage::image {
namespace {

using nlohmann::json;

constexpr const char* kDefaultDockerHost = "unix:///var/run/docker.sock";
constexpr int kMinApiMinor = 41;  // Engine API 1.41: Docker 20.10, Podman 3+
constexpr int kMaxApiMinor = 45;  // the newest we have checked the answers of
constexpr size_t kMaxAnswer = 16u << 20;

std::string EngineName(const std::string& image) {
  if (image.rfind("docker://", 0) == 0) return image.substr(9);
  if (image.rfind("daemon:", 0) == 0) return image.substr(7);
  return image;
}

// Image names and IDs use [a-z0-9._/:@-] (and upper case in IDs' hex is not used); anything else
// would have to be escaped in the URL path and is not a name the Engine knows anyway.
bool ValidEngineName(const std::string& name) {
  if (name.empty() || name.size() > 512 || name.front() == '/' || name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '/' || c == ':' || c == '@' || c == '-';
  });
}

// "1.43" -> 43 (the Engine API has been 1.x forever); nullopt when it is not that shape.
std::optional<int> ApiMinor(const std::string& version) {
  if (version.rfind("1.", 0) != 0 || version.size() < 3) return std::nullopt;
  int minor = 0;
  for (char c : version.substr(2)) {
    if (c < '0' || c > '9' || minor > 10000) return std::nullopt;
    minor = minor * 10 + (c - '0');
  }
  return minor;
}

// The Engine's error answers are {"message": "..."}.
std::string EngineMessage(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  std::string message = StringField(parsed, "message");
  if (message.empty()) message = body.substr(0, 200);
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

class EngineClient {
 public:
  EngineClient(std::string image, EngineEndpoint endpoint) : image_(std::move(image)), endpoint_(std::move(endpoint)) {}

  // /_ping and /version: is there a daemon, and which API do we speak with it.
  Expected<void> Negotiate() {
    auto ping = Get("/_ping", 4096);
    if (!ping) return ping.error();
    if (ping->status != 200) {
      return MakeError("{}: the Docker daemon at {} answered {} to /_ping", image_, endpoint_.display, ping->status);
    }
    std::string server_version = ping->headers.Get("api-version");
    auto version = Get("/version", 1u << 20);
    if (!version) return version.error();
    if (version->status == 200) {
      std::string reported = StringField(json::parse(version->body, nullptr, false), "ApiVersion");
      if (!reported.empty()) server_version = reported;
    }
    auto minor = ApiMinor(server_version);
    if (!minor) {
      return MakeError("{}: the daemon at {} did not say which Engine API it speaks", image_, endpoint_.display);
    }
    if (*minor < kMinApiMinor) {
      return MakeError("{}: the daemon at {} speaks Engine API {}; slimage needs 1.{} or newer", image_,
                       endpoint_.display, server_version, kMinApiMinor);
    }
    api_version_ = fmt::format("1.{}", std::min(*minor, kMaxApiMinor));
    return {};
  }

  Expected<net::HttpResponse> Get(const std::string& path, size_t max_bytes) {
    auto response = net::Fetch(Request(path), max_bytes);
    if (!response) return ConnectError(response.error());
    return response;
  }

  Expected<std::unique_ptr<net::HttpBodyStream>> Stream(const std::string& path) {
    auto stream = net::OpenStream(Request(path), image_);
    if (!stream) return ConnectError(stream.error());
    return stream;
  }

  std::string Versioned(const std::string& path) const { return "/v" + api_version_ + path; }
  const std::string& api_version() const { return api_version_; }
  const EngineEndpoint& endpoint() const { return endpoint_; }

 private:
  net::HttpRequest Request(const std::string& path) const {
    net::HttpRequest request;
    request.url = endpoint_.base_url + path;
    request.unix_socket = endpoint_.unix_socket;
    request.follow_redirects = false;
    request.stall_timeout_seconds = 300;  // `docker save` of a big image can pause while it tars
    return request;
  }

  Error ConnectError(const Error& cause) const {
    const std::string& why = cause.message;
    auto ends_with = [&](const std::string& tail) {
      return why.size() >= tail.size() && why.compare(why.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends_with("permission denied")) {
      return MakeError("{}: permission denied on the Docker socket {} (run as root or as a member of its group)",
                       image_, endpoint_.unix_socket);
    }
    if (ends_with("no such socket") || ends_with("connection refused")) {
      return MakeError("{}: no Docker daemon at {} (is dockerd running? DOCKER_HOST selects another one)", image_,
                       endpoint_.display);
    }
    return MakeError("{}: cannot talk to the Docker daemon at {}: {}", image_, endpoint_.display, why);
  }

  std::string image_;
  EngineEndpoint endpoint_;
  std::string api_version_;
};

// `with_history`: also /history (the export carries the config's own history, so reading
// an image does not need it).
Expected<EngineImageInfo> Inspect(EngineClient& client, const std::string& image, const std::string& name,
                                  bool with_history) {
  auto answer = client.Get(client.Versioned("/images/" + name + "/json"), kMaxAnswer);
  if (!answer) return answer.error();
  if (answer->status == 404) {
    return MakeError("{}: no image named {} in the Docker daemon at {}", image, name, client.endpoint().display);
  }
  if (answer->status != 200) {
    return MakeError("{}: the daemon answered {}: {}", image, answer->status, EngineMessage(answer->body));
  }
  json inspect = json::parse(answer->body, nullptr, false);
  if (!inspect.is_object()) return MakeError("{}: the daemon's image inspect answer is not a JSON object", image);
  EngineImageInfo info;
  info.api_version = client.api_version();
  info.id = StringField(inspect, "Id");
  info.os = StringField(inspect, "Os");
  info.architecture = StringField(inspect, "Architecture");
  info.size = UnsignedField(inspect, "Size");
  if (inspect.contains("RepoTags") && inspect["RepoTags"].is_array()) {
    for (const auto& tag : inspect["RepoTags"]) {
      if (tag.is_string()) info.repo_tags.push_back(tag.get<std::string>());
    }
  }
  if (inspect.contains("RootFS") && inspect["RootFS"].is_object() && inspect["RootFS"].contains("Layers") &&
      inspect["RootFS"]["Layers"].is_array()) {
    for (const auto& layer : inspect["RootFS"]["Layers"]) {
      if (layer.is_string()) info.diff_ids.push_back(layer.get<std::string>());
    }
  }

  if (!with_history) return info;
  auto history = client.Get(client.Versioned("/images/" + name + "/history"), kMaxAnswer);
  if (!history) return history.error();
  if (history->status != 200) {
    return MakeError("{}: the daemon answered {} to /history: {}", image, history->status, EngineMessage(history->body));
  }
  json items = json::parse(history->body, nullptr, false);
  if (!items.is_array()) return MakeError("{}: the daemon's history answer is not a JSON list", image);
  for (auto it = items.rbegin(); it != items.rend(); ++it) {  // the Engine lists newest first
    EngineImageInfo::HistoryItem item;
    item.created_by = StringField(*it, "CreatedBy");
    item.size = UnsignedField(*it, "Size");
    info.history.push_back(std::move(item));
  }
  return info;
}

Expected<EngineClient> Connect(const std::string& image, const std::string& docker_host) {
  std::string name = EngineName(image);
  if (!ValidEngineName(name)) return MakeError("{}: not a valid image name", image);
  auto endpoint = ParseDockerHost(docker_host);
  if (!endpoint) return MakeError("{}: {}", image, endpoint.error().message);
  EngineClient client(image, std::move(*endpoint));
  if (auto negotiated = client.Negotiate(); !negotiated) return negotiated.error();
  return client;
}

}  // namespace

bool IsEngineReference(const std::string& image) {
  return image.rfind("docker://", 0) == 0 || image.rfind("daemon:", 0) == 0;
}

Expected<EngineEndpoint> ParseDockerHost(const std::string& docker_host) {
  std::string host = docker_host;
  if (host.empty()) {
    const char* from_environment = std::getenv("DOCKER_HOST");
    host = from_environment && *from_environment ? from_environment : kDefaultDockerHost;
  }
  EngineEndpoint endpoint;
  endpoint.display = host;
  if (host.rfind("unix://", 0) == 0) {
    endpoint.unix_socket = host.substr(7);
    if (endpoint.unix_socket.empty() || endpoint.unix_socket.front() != '/') {
      return MakeError("DOCKER_HOST={}: a unix socket needs an absolute path", host);
    }
    endpoint.base_url = "http://localhost";
    return endpoint;
  }
  for (const char* scheme : {"tcp://", "http://"}) {
    if (host.rfind(scheme, 0) != 0) continue;
    std::string address = host.substr(std::char_traits<char>::length(scheme));
    while (!address.empty() && address.back() == '/') address.pop_back();
    if (address.empty() || address.find('/') != std::string::npos) {
      return MakeError("DOCKER_HOST={}: expected tcp://HOST:PORT", host);
    }
    if (address.find(':') == std::string::npos) address += ":2375";
    endpoint.base_url = "http://" + address;
    return endpoint;
  }
  return MakeError("DOCKER_HOST={}: only unix:// and tcp:// daemons are supported", host);
}

Expected<EngineImageInfo> InspectEngineImage(const std::string& image, const std::string& docker_host) {
  auto client = Connect(image, docker_host);
  if (!client) return client.error();
  return Inspect(*client, image, EngineName(image), /*with_history=*/true);
}

Expected<StreamedImage> ReadEngineImage(const std::string& image, const OpenOptions& open,
                                        const LayerReadOptions& read, const std::string& docker_host) {
  auto client = Connect(image, docker_host);
  if (!client) return client.error();
  std::string name = EngineName(image);
  auto info = Inspect(*client, image, name, /*with_history=*/false);  // "no such image" before any export
  if (!info) return info.error();

  auto stream = client->Stream(client->Versioned("/images/" + name + "/get"));
  if (!stream) return stream.error();
  if ((*stream)->status() != 200) {
    auto body = ReadStreamToString(**stream, 64 * 1024);
    return MakeError("{}: the daemon answered {} to the export: {}", image, (*stream)->status(),
                     body ? EngineMessage(*body) : body.error().message);
  }
  OpenOptions archive_options = open;
  archive_options.tag.clear();  // the export holds the one image asked for
  auto streamed = ReadArchiveStream(**stream, image, archive_options, read);
  if (!streamed) return streamed.error();
  // A tag moved between the inspect and the export would mix two images' figures.
  if (!info->id.empty() && Sha256Digest(streamed->image.config_json) != info->id) {
    return MakeError("{}: the exported image is not {} (was the tag moved meanwhile?)", image, info->id);
  }
  if (streamed->image.repo_tags.empty()) streamed->image.repo_tags = info->repo_tags;
  streamed->image.source = image;
  return streamed;
}

}  // namespace slimage::image
