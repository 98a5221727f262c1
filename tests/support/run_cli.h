// Runs the CLI in-process and captures what it prints, for exact-text assertions.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace slimage::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliResult RunCli(std::initializer_list<std::string> args);
CliResult RunCliArgs(const std::vector<std::string>& args);
// The same with `input` as standard input.
CliResult RunCliWithInput(const std::vector<std::string>& args, const std::string& input);

// Absolute path of a file under the shared/ folder beside the checkout.
std::string SharedPath(const std::string& relative);
// The bytes of a file ("" when it cannot be read; tests then fail on what they expected).
std::string ReadFileBytes(const std::string& path);
// Absolute path of a file in this repository.
std::string SourcePath(const std::string& relative);

}  // namespace slimage::testing
