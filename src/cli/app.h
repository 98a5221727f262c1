// The CLI boundary: parses argv, runs one subcommand, returns the process exit code.
// In-process so that tests assert exact stdout, stderr and exit codes.
#pragma once

#include "cli/command.h"

namespace slimage::cli {

int Run(int argc, const char* const* argv, Io& io);

}  // namespace slimage::cli
