// Renderers of `slimage analyze` and `slimage history`. They only print the model.
#pragma once

#include <ostream>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::report {

// The JSON document of cli.md ("JSON for analyze"), one line per document plus a newline.
void RenderImageJson(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     std::ostream& out);
// A readable summary, the layer table, the top `top` wasted paths and the findings.
void RenderImageText(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     int top, std::ostream& out);
// The `docker history`-like table, newest layer first as docker prints it.
// With layers_read false (history --no-layers) only the compressed sizes and the instructions are
// known: the other columns say "-" and a closing line says the layers were not read.
void RenderHistoryText(const analysis::ImageModel& model, std::ostream& out, bool layers_read = true);

}  // namespace slimage::report
