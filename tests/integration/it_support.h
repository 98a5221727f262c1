// Support for the integration tests: the environment scripts/integration.sh sets up, and running
// the built slimage binary as a child process (with its own DOCKER_HOST, or as another user).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace slimage::integration {

// The value of SLIMAGE_IT_<name>, or nullopt when unset.
std::optional<std::string> ItEnv(const std::string& name);
// The reason the integration tests cannot run here, or "" when scripts/integration.sh set them up.
std::string MissingEnvironment();
// SLIMAGE_IT_<name>, which the script must have set (fails the test with a clear message when not).
std::string RequiredEnv(const std::string& name);
uint64_t RequiredNumber(const std::string& name);
std::vector<uint64_t> RequiredNumbers(const std::string& name);  // space separated

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

struct RunOptions {
  std::map<std::string, std::string> env;  // set in the child (DOCKER_HOST is removed unless given)
  bool as_nobody = false;                  // setpriv --reuid=65534 --regid=65534 --clear-groups
  int timeout_seconds = 300;
};

// Runs the built slimage binary with ARGS.
ProcessResult RunSlimage(const std::vector<std::string>& args, const RunOptions& options = {});

// Lines of TEXT without the final empty one.
std::vector<std::string> Lines(const std::string& text);

// `slimage analyze SOURCE... --format json --fail-on none`, parsed; fails the test on a non-zero exit.
nlohmann::json AnalyzeJson(const std::vector<std::string>& source_args, const RunOptions& options = {});

// The figures that must not depend on where the image was read from: image sizes, files, waste,
// shell, per-layer size/diff_id/files/waste/created_by, findings (rule, layer, path, bytes).
// Compressed sizes and digests depend on the form and are left out.
nlohmann::json SourceIndependentFigures(const nlohmann::json& analysis);

// The findings of RULE in an analysis document.
std::vector<nlohmann::json> FindingsOf(const nlohmann::json& analysis, const std::string& rule);

}  // namespace slimage::integration
