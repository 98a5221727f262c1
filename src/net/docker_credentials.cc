#include "net/docker_credentials.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/base64.h"
#include "util/text.h"

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

std::optional<Credentials> NoCredentials() { return std::nullopt; }

// Docker Hub's credentials are stored under its v1 index address, whatever host was named.
std::string ServerAddress(const std::string& host) {
  if (host == "docker.io" || host == "index.docker.io" || host == "registry-1.docker.io") {
    return "https://index.docker.io/v1/";
  }
  return host;
}

// A helper name becomes part of a program name: only what docker-credential-* names use.
bool PlausibleHelperName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

Expected<std::optional<Credentials>> AskHelper(const std::string& helper, const std::string& host,
                                               const ProcessRunner& run) {
  const std::string program = "docker-credential-" + helper;
  if (!PlausibleHelperName(helper)) return MakeError("{}: credential helper name '{}' is not valid", DockerConfigPath(), helper);
  auto answer = run({program, "get"}, ServerAddress(host));
  if (!answer) return MakeError("credential helper {}: {}", program, answer.error().message);
  if (answer->exit_code != 0) {
    // The helpers' protocol: a miss is this message and a non-zero exit; docker then pulls anonymously.
    if (ToLower(answer->out + answer->err).find("credentials not found") != std::string::npos) return NoCredentials();
    std::string why{TrimView(answer->err.empty() ? answer->out : answer->err, " \t\r\n")};
    if (const size_t newline = why.find('\n'); newline != std::string::npos) why.resize(newline);
    return MakeError("credential helper {} get failed for {} (exit {}): {}", program, host, answer->exit_code,
                     why.empty() ? "no message" : why);
  }
  nlohmann::json reply = nlohmann::json::parse(answer->out, nullptr, false);
  if (!reply.is_object() || !reply.contains("Username") || !reply.contains("Secret") || !reply["Username"].is_string() ||
      !reply["Secret"].is_string()) {
    return MakeError("credential helper {} get answered something other than {{\"Username\", \"Secret\"}} for {}", program,
                     host);
  }
  const std::string username = reply["Username"].get<std::string>();
  // "<token>" marks an identity token (OAuth refresh token), which needs a token exchange we
  // do not implement: treated as no credentials, as for a registry without a login.
  if (username.empty() || username == "<token>") return NoCredentials();
  return std::optional<Credentials>(Credentials{username, reply["Secret"].get<std::string>()});
}

// The helper the parsed config picks for `host` ("" for none): credHelpers, then credsStore.
std::string HelperIn(const nlohmann::json& config, const std::string& host) {
  if (!config.is_object()) return "";
  if (auto helpers = config.find("credHelpers"); helpers != config.end() && helpers->is_object()) {
    for (const std::string& key : {host, ServerAddress(host)}) {
      if (auto it = helpers->find(key); it != helpers->end() && it->is_string()) return it->get<std::string>();
    }
  }
  if (auto store = config.find("credsStore"); store != config.end() && store->is_string()) return store->get<std::string>();
  return "";
}

// `auths` of the parsed config: an exact key first, then any key naming the same host.
std::optional<Credentials> AuthsIn(const nlohmann::json& config, const std::string& host) {
  if (!config.is_object() || !config.contains("auths") || !config["auths"].is_object()) return std::nullopt;
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

nlohmann::json Parse(const std::string& config_json) { return nlohmann::json::parse(config_json, nullptr, false); }

}  // namespace

std::optional<Credentials> CredentialsFromConfig(const std::string& config_json, const std::string& host) {
  return AuthsIn(Parse(config_json), host);
}

Expected<std::optional<Credentials>> ResolveDockerCredentials(const std::string& config_json, const std::string& host,
                                                              const ProcessRunner& run) {
  const nlohmann::json config = Parse(config_json);  // once, for the helper and for auths
  if (const std::string helper = HelperIn(config, host); !helper.empty()) {
    auto found = AskHelper(helper, host, run);
    if (!found || *found) return found;
  }
  return AuthsIn(config, host);
}

std::string DockerConfigPath() {
  if (const char* dir = std::getenv("DOCKER_CONFIG"); dir != nullptr && *dir != '\0') {
    return std::string(dir) + "/config.json";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.docker/config.json";
  }
  return "";
}

Expected<std::optional<Credentials>> LookupDockerCredentials(const std::string& host, const ProcessRunner& run) {
  std::string path = DockerConfigPath();
  if (path.empty()) return NoCredentials();
  std::ifstream file(path, std::ios::binary);
  if (!file) return NoCredentials();
  std::string text(static_cast<size_t>(kMaxConfigBytes) + 1, '\0');
  file.read(text.data(), kMaxConfigBytes + 1);
  if (file.gcount() > kMaxConfigBytes) return NoCredentials();
  text.resize(static_cast<size_t>(file.gcount()));
  return ResolveDockerCredentials(text, host, run);
}

}  // namespace slimage::net
