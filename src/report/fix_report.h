// Renderers of `slimage fix` results (fix/fix_result.h): the JSON document of cli.md, the
// text lines for skipped fixes and for --check, and the "fixable" marker of lint's text output.
// They print what the fix computed and compute nothing.
#pragma once

#include <ostream>
#include <vector>

#include "fix/fix_result.h"

namespace slimage::report {

// cli.md "JSON for fix --format json".
void RenderFixJson(const std::vector<fix::FileFix>& files, std::ostream& out);

// One line per skipped fix: `FILE:LINE: RULE not fixed: REASON`.
void RenderFixSkipped(const std::vector<fix::FileFix>& files, std::ostream& out);

// --check: one line per file a fix would change, `FILE: would fix RULE (line N), …`.
void RenderFixCheck(const std::vector<fix::FileFix>& files, std::ostream& out);

// --write: `FILE: fixed N findings` for each changed file.
void RenderFixWritten(const std::vector<fix::FileFix>& files, std::ostream& out);

}  // namespace slimage::report
