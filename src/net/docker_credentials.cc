#include "net/docker_credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/base64.h"

namespace slimage::net {
namespace {

constexpr std::streamsize kMaxConfigBytes = 4 << 20;

// "https://host:5000/v1/" -> "host:5000".
std::string HostOfKey(std::string key) {
  for (const char* scheme : {"https://", "http://"}) {
    if (key.rfind(scheme, 0) == 0) key = key.substr(std::string(scheme).size());
  }
  if (size_t slash = key.find('/'); slash != std::string::npos) key = key.substr(0, slash);
  return key;
}

}  // namespace

std::string DockerConfigPath() {
  if (const char* dir = std::getenv("DOCKER_CONFIG"); dir != nullptr && *dir != '\0') {
    return std::string(dir) + "/config.json";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.docker/config.json";
  }
  return "";
}

std::optional<Credentials> CredentialsFromConfig(const std::string& config_json, const std::string& host) {
  nlohmann::json config = nlohmann::json::parse(config_json, nullptr, false);
  if (!config.is_object() || !config.contains("auths") || !config["auths"].is_object()) return std::nullopt;
  // An exact key first, then any key naming the same host.
  const nlohmann::json* entry = nullptr;
  const nlohmann::json& auths = config["auths"];
  if (auto it = auths.find(host); it != auths.end()) entry = &*it;
  for (auto it = auths.begin(); entry == nullptr && it != auths.end(); ++it) {
    if (HostOfKey(it.key()) == host) entry = &*it;
  }
  if (entry == nullptr || !entry->is_object()) return std::nullopt;
  auto auth = entry->find("auth");
  if (auth == entry->end() || !auth->is_string()) return std::nullopt;
  auto decoded = Base64Decode(auth->get<std::string>());
  if (!decoded) return std::nullopt;
  size_t colon = decoded->find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  return Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::optional<Credentials> LookupDockerCredentials(const std::string& host) {
  std::string path = DockerConfigPath();
  if (path.empty()) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::string text(static_cast<size_t>(kMaxConfigBytes) + 1, '\0');
  file.read(text.data(), kMaxConfigBytes + 1);
  if (file.gcount() > kMaxConfigBytes) return std::nullopt;
  text.resize(static_cast<size_t>(file.gcount()));
  return CredentialsFromConfig(text, host);
}

}  // namespace slimage::net
