// `slimage diff --format html`: the totals, a treemap of image b coloured by how each file
// changed (removed files as ghosts), the layer, path and package tables and the findings.
// Prints what it is given and computes nothing (docs/html-report.md).
#pragma once

#include <ostream>

#include "analysis/size_tree.h"
#include "diff/image_diff.h"

namespace slimage::html {

// Embeds the diff JSON document (report::RenderDiffJson) as "slimage-report" and `delta_tree`
// (diff::DeltaTree) as "slimage-tree".
void RenderDiffHtml(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff,
                    const analysis::SizeTree& delta_tree, std::ostream& out);

}  // namespace slimage::html
