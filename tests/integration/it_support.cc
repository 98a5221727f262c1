#include "integration/it_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace slimage::integration {

std::optional<std::string> ItEnv(const std::string& name) {
  const char* value = std::getenv(("SLIMAGE_IT_" + name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::string MissingEnvironment() {
  for (const char* name : {"DOCKER_HOST", "REGISTRY", "ARCHIVE_DIR", "OCI_DIR", "PREFIX", "TMP"}) {
    if (!ItEnv(name) || ItEnv(name)->empty()) {
      return std::string("SLIMAGE_IT_") + name +
             " is not set: these tests need the dockerd, registry and fixture images that "
             "scripts/integration.sh starts and builds; run them with `scripts/integration.sh BUILD_DIR`";
    }
  }
  return "";
}

std::string RequiredEnv(const std::string& name) {
  std::optional<std::string> value = ItEnv(name);
  if (!value) ADD_FAILURE() << "SLIMAGE_IT_" << name << " is not set (scripts/integration.sh sets it)";
  return value.value_or("");
}

uint64_t RequiredNumber(const std::string& name) {
  std::string text = RequiredEnv(name);
  try {
    return std::stoull(text);
  } catch (const std::exception&) {
    ADD_FAILURE() << "SLIMAGE_IT_" << name << " is not a number: '" << text << "'";
    return 0;
  }
}

std::vector<uint64_t> RequiredNumbers(const std::string& name) {
  std::istringstream in(RequiredEnv(name));
  std::vector<uint64_t> numbers;
  uint64_t n = 0;
  while (in >> n) numbers.push_back(n);
  if (numbers.empty()) ADD_FAILURE() << "SLIMAGE_IT_" << name << " holds no numbers";
  return numbers;
}

namespace {

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The binary that the child runs: for another user, a copy in the run's temp dir (the build
// tree may not be reachable by nobody).
std::string BinaryFor(bool as_nobody) {
  if (!as_nobody) return SLIMAGE_BINARY;
  std::filesystem::path copy = std::filesystem::path(ItEnv("TMP").value_or("/tmp")) / "bin" / "slimage-nobody";
  std::filesystem::create_directories(copy.parent_path());
  std::filesystem::copy_file(SLIMAGE_BINARY, copy, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::permissions(copy, std::filesystem::perms(0755));
  return copy.string();
}

}  // namespace

ProcessResult RunSlimage(const std::vector<std::string>& args, const RunOptions& options) {
  std::vector<std::string> argv{"/usr/bin/timeout", "--kill-after=10", std::to_string(options.timeout_seconds)};
  if (options.as_nobody) {
    for (const char* part : {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"}) {
      argv.emplace_back(part);
    }
  }
  argv.push_back(BinaryFor(options.as_nobody));
  argv.insert(argv.end(), args.begin(), args.end());

  std::string dir = ItEnv("TMP").value_or("/tmp");
  std::string out_path = dir + "/child-out.XXXXXX";
  std::string err_path = dir + "/child-err.XXXXXX";
  int out_fd = mkstemp(out_path.data());
  int err_fd = mkstemp(err_path.data());
  ProcessResult result;
  if (out_fd < 0 || err_fd < 0) {
    ADD_FAILURE() << "mkstemp in " << dir << " failed";
    return result;
  }
  std::vector<char*> raw;
  for (std::string& arg : argv) raw.push_back(arg.data());
  raw.push_back(nullptr);

  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    // Not in the checkout: its .slimage.yaml applies only to the tests that name it.
    if (chdir(dir.c_str()) != 0) _exit(127);
    unsetenv("DOCKER_HOST");
    setenv("NO_COLOR", "1", 1);
    for (const auto& [name, value] : options.env) setenv(name.c_str(), value.c_str(), 1);
    execv(raw[0], raw.data());
    _exit(127);
  }
  close(out_fd);
  close(err_fd);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) {
    ADD_FAILURE() << "could not run " << argv[3];
  } else if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  result.out = ReadWhole(out_path);
  result.err = ReadWhole(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  if (result.exit_code == 124) ADD_FAILURE() << "slimage timed out after " << options.timeout_seconds << " s";
  return result;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

nlohmann::json AnalyzeJson(const std::vector<std::string>& source_args, const RunOptions& options) {
  std::vector<std::string> args{"analyze"};
  args.insert(args.end(), source_args.begin(), source_args.end());
  for (const char* part : {"--format", "json", "--fail-on", "none"}) args.emplace_back(part);
  ProcessResult run = RunSlimage(args, options);
  std::string command = "slimage";
  for (const std::string& arg : args) command += " " + arg;
  if (run.exit_code != 0) {
    ADD_FAILURE() << command << " exited " << run.exit_code << ": " << run.err;
    return nullptr;
  }
  nlohmann::json document = nlohmann::json::parse(run.out, nullptr, false);
  if (document.is_discarded()) ADD_FAILURE() << command << " printed no JSON document: " << run.out.substr(0, 200);
  return document;
}

nlohmann::json SourceIndependentFigures(const nlohmann::json& analysis) {
  if (!analysis.is_object()) return nullptr;
  nlohmann::json figures;
  const nlohmann::json& image = analysis.at("image");
  for (const char* key : {"os", "architecture", "size", "final_size", "wasted", "efficiency", "user_size",
                          "user_wasted", "files", "has_shell"}) {
    figures["image"][key] = image.value(key, nlohmann::json());
  }
  figures["layers"] = nlohmann::json::array();
  for (const nlohmann::json& layer : analysis.at("layers")) {
    nlohmann::json item;
    for (const char* key : {"index", "diff_id", "created_by", "empty_layer", "size", "files_added", "files_changed",
                            "files_removed", "wasted"}) {
      item[key] = layer.value(key, nlohmann::json());
    }
    figures["layers"].push_back(std::move(item));
  }
  figures["findings"] = nlohmann::json::array();
  for (const nlohmann::json& finding : analysis.at("findings")) {
    figures["findings"].push_back({{"rule", finding.value("rule", "")},
                                   {"layer", finding.value("layer", nlohmann::json())},
                                   {"path", finding.value("path", "")},
                                   {"bytes", finding.value("bytes", nlohmann::json())}});
  }
  return figures;
}

std::vector<nlohmann::json> FindingsOf(const nlohmann::json& analysis, const std::string& rule) {
  std::vector<nlohmann::json> found;
  if (!analysis.is_object()) return found;
  for (const nlohmann::json& finding : analysis.at("findings")) {
    if (finding.value("rule", "") == rule) found.push_back(finding);
  }
  return found;
}

}  // namespace slimage::integration
