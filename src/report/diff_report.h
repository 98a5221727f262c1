// Renderers of `slimage diff`. They print a diff::ImageDiff (and the two models' summaries)
// and compute nothing.
#pragma once

#include <ostream>

#include "diff/image_diff.h"

namespace slimage::report {

// cli.md "JSON for diff", one line plus a newline.
void RenderDiffJson(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff, std::ostream& out);
// Totals, layers, directories, paths, packages and findings as readable tables.
void RenderDiffText(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff, std::ostream& out);

}  // namespace slimage::report
