// Shared by the package manager recognizers: turns parsed arguments into a PackageOperation.
#pragma once

#include <cstddef>
#include <string>

#include "shell/command_list.h"
#include "shell/operations.h"
#include "shell/tools/options.h"

namespace slimage::shell {

// Packages are the operands from `first_package` on (operands before it name the subcommand).
PackageOperation NewPackageOperation(const ShellCommand& command, size_t index, PackageManager manager,
                                     std::string tool, const ParsedArgs& parsed, size_t first_package);

// "subcommand" or "subcommand second" for two-word subcommands (cache clean, group install).
std::string JoinSubcommand(const ParsedArgs& parsed, size_t words);

}  // namespace slimage::shell
