// Runs a program with its standard input given and its output captured, bounded in time and
// in bytes: the credential helpers of the Docker config (docker-credential-NAME get), and the
// builds and containers of `slimage measure`. Callers take a ProcessRunner or CommandRunner so
// that tests can answer in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace slimage {

struct ProcessOutput {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

struct ProcessLimits {
  int timeout_seconds = 30;                // then the process is killed (SIGKILL)
  std::size_t max_output_bytes = 1u << 20;  // per stream; more is an error (unless keep_tail)
  bool keep_tail = false;                  // more than max_output_bytes: keep the last ones
};

// The whole form: a program, its input, variables added to (or replacing in) our environment,
// limits, and a callback that sees the output as it arrives (a build's progress).
struct ProcessRequest {
  std::vector<std::string> argv;
  std::string input;
  std::vector<std::string> env;  // "NAME=value"
  ProcessLimits limits;
  std::function<void(std::string_view chunk)> on_output;  // stdout and stderr, as read
};

// argv[0] is looked up in PATH. An error when it cannot be started, times out or says too much;
// a non-zero exit is not an error (the caller reads exit_code).
Expected<ProcessOutput> RunProcess(const std::vector<std::string>& argv, std::string_view input,
                                   const ProcessLimits& limits = {});

Expected<ProcessOutput> RunProcess(const ProcessRequest& request);

using ProcessRunner = std::function<Expected<ProcessOutput>(const std::vector<std::string>& argv, std::string_view input)>;

// RunProcess with the default limits.
ProcessRunner SystemProcessRunner();

using CommandRunner = std::function<Expected<ProcessOutput>(const ProcessRequest& request)>;
CommandRunner SystemCommandRunner();

// `environ` with `overrides` ("NAME=value") put in place of the same names.
std::vector<std::string> MergedEnvironment(const std::vector<std::string>& overrides);

}  // namespace slimage
