// What every subcommand shares: the output streams and the way it reports failure.
// Subcommands live one per file (cmd_<name>.cc) and are listed in commands.cc.
#pragma once

#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

#include "util/expected.h"

namespace slimage::cli {

// Exit codes of cli.md.
enum ExitCode : int { kExitOk = 0, kExitFindings = 1, kExitInvalid = 2 };

struct Io {
  std::ostream& out;
  std::ostream& err;
  bool out_is_tty = false;  // colours only on a terminal, never with NO_COLOR
  std::istream* in = nullptr;  // standard input (--password-stdin); nullptr: std::cin
  bool err_is_tty = false;     // progress lines (measure) only on a terminal
};

// Thrown by a subcommand for bad input or usage; Run() prints it as one line, exit 2.
// The only exception type that crosses into the CLI: the core returns Expected.
class InvalidInput : public std::runtime_error {
 public:
  explicit InvalidInput(const std::string& message) : std::runtime_error(message) {}
  explicit InvalidInput(const Error& error) : std::runtime_error(error.message) {}
};

// Unwraps an Expected, turning its error into InvalidInput.
template <typename T>
T OrThrow(Expected<T> result) {
  if (!result) throw InvalidInput(result.error());
  return std::move(result).value();
}

// A subcommand registers its options on `app` and sets `*exit_code` when it runs.
struct CommandContext {
  Io& io;
  int exit_code = kExitOk;
};

using CommandRegistrar = void (*)(CLI::App& app, CommandContext& context);

}  // namespace slimage::cli
