// The table of subcommands (like ninja's kTools[]).
#pragma once

#include <span>

#include "cli/command.h"

namespace slimage::cli {

std::span<const CommandRegistrar> AllCommands();

}  // namespace slimage::cli
