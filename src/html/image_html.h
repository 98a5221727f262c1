// `slimage analyze --format html`: the totals, a treemap of the final filesystem coloured by
// layer, the layer list (what each added, what of it was wasted), the wasted paths and the
// findings. Prints what it is given and computes nothing (docs/html-report.md).
#pragma once

#include <ostream>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"
#include "analysis/layer_breakdown.h"
#include "analysis/size_tree.h"

namespace slimage::html {

// Embeds the analyze JSON document (report::RenderImageJson) as "slimage-report" and the tree
// and breakdown as "slimage-tree".
void RenderImageHtml(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     const analysis::SizeTree& tree, const analysis::ImageBreakdown& breakdown, std::ostream& out);

}  // namespace slimage::html
