// slimage.1: the man page, rendered from the CLI's own option table (report/program_help.h)
// and a few fixed sections (exit status, environment, files) that cli.md defines.
#pragma once

#include <ostream>

#include "report/program_help.h"

namespace slimage::report {

void RenderManPage(const ProgramHelp& program, std::ostream& out);

}  // namespace slimage::report
