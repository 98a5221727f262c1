// The CLI's own description of itself (report/program_help.h), read off the same CLI11 table
// that parses argv: the man page and the completions come from it.
#pragma once

#include "report/program_help.h"

namespace slimage::cli {

report::ProgramHelp DescribeProgram();

}  // namespace slimage::cli
