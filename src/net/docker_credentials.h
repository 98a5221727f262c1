// Credentials from the Docker CLI's config: $DOCKER_CONFIG/config.json, else
// ~/.docker/config.json; `auths[KEY].auth` is base64("user:password"), KEY being the registry
// host as `docker login` wrote it ("host", "https://host", "http://host/v1/"). Credential
// helpers (credsStore, credHelpers) are not run: out of scope.
#pragma once

#include <optional>
#include <string>

namespace slimage::net {

struct Credentials {
  std::string username;
  std::string password;
};

// The path of the config file that would be read ("" when neither variable is set).
std::string DockerConfigPath();
// The credentials stored for `host` ("host[:port]"), or nullopt (no file, no entry, unreadable).
std::optional<Credentials> LookupDockerCredentials(const std::string& host);
// The same from a given config file's text (for tests and the lookup above).
std::optional<Credentials> CredentialsFromConfig(const std::string& config_json, const std::string& host);

}  // namespace slimage::net
