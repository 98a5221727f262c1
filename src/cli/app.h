// The CLI boundary: parses argv, runs one subcommand, returns the process exit code.
// In-process so that tests assert exact stdout, stderr and exit codes.
#pragma once

#include "cli/command.h"

namespace slimage::cli {

int Run(int argc, const char* const* argv, Io& io);

// The whole command line: the program's own settings and every subcommand of commands.cc.
// Run parses with it; DescribeProgram (help_tree.h) reads it for the man page and completions.
void BuildApp(CLI::App& app, CommandContext& context);

}  // namespace slimage::cli
