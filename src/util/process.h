// Runs a program with its standard input given and its output captured, bounded in time and
// in bytes: for the credential helpers of the Docker config (docker-credential-NAME get).
// Callers take a ProcessRunner so that tests can answer in memory.
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
  std::size_t max_output_bytes = 1u << 20;  // per stream; more is an error
};

// argv[0] is looked up in PATH. An error when it cannot be started, times out or says too much;
// a non-zero exit is not an error (the caller reads exit_code).
Expected<ProcessOutput> RunProcess(const std::vector<std::string>& argv, std::string_view input,
                                   const ProcessLimits& limits = {});

using ProcessRunner = std::function<Expected<ProcessOutput>(const std::vector<std::string>& argv, std::string_view input)>;

// RunProcess with the default limits.
ProcessRunner SystemProcessRunner();

}  // namespace slimage
