// Completion scripts for bash, zsh and fish, rendered from the CLI's own option table
// (report/program_help.h): subcommands, their options, the values of choice options, and
// file names where an option or positional takes a path. `slimage completion SHELL` prints one.
#pragma once

#include <ostream>

#include "report/program_help.h"

namespace slimage::report {

void RenderBashCompletion(const ProgramHelp& program, std::ostream& out);
void RenderZshCompletion(const ProgramHelp& program, std::ostream& out);
void RenderFishCompletion(const ProgramHelp& program, std::ostream& out);

}  // namespace slimage::report
