// Credentials from the Docker CLI's config: $DOCKER_CONFIG/config.json, else
// ~/.docker/config.json, looked up as the docker CLI does: `credHelpers[host]` names a
// credential helper for that registry, else `credsStore` one for all; the helper is run as
// `docker-credential-NAME get` with the registry's address on stdin and answers
// {"ServerURL", "Username", "Secret"} (or "credentials not found" and a non-zero exit). With no
// helper, or none that knows the registry, `auths[KEY].auth` is base64("user:password"), KEY
// being the registry host as `docker login` wrote it ("host", "https://host", "http://host/v1/").
#pragma once

#include <optional>
#include <string>

#include "util/expected.h"
#include "util/process.h"

namespace slimage::net {

struct Credentials {
  std::string username;
  std::string password;
};

// The path of the config file that would be read ("" when neither variable is set).
std::string DockerConfigPath();
// The credentials for `host` ("host[:port]"): nullopt when there is no config file, no entry, or
// the file is unreadable (anonymous pull, as docker does); an error when a credential helper the
// config names fails (cannot be run, times out, answers garbage), naming the helper.
Expected<std::optional<Credentials>> LookupDockerCredentials(const std::string& host,
                                                             const ProcessRunner& run = SystemProcessRunner());
// The same from a given config file's text.
Expected<std::optional<Credentials>> ResolveDockerCredentials(const std::string& config_json, const std::string& host,
                                                              const ProcessRunner& run);
// `auths` only (no helpers), from a given config file's text.
std::optional<Credentials> CredentialsFromConfig(const std::string& config_json, const std::string& host);

}  // namespace slimage::net
