// Reads the two images of `slimage diff` at once, one thread each (each reads its layers
// on one thread, so the pair uses two cores like one `analyze`), and analyses each:
// model, findings, packages.
#pragma once

#include <string>
#include <utility>

#include "analysis/checks.h"
#include "analysis/image_model_builder.h"
#include "diff/image_diff.h"
#include "util/expected.h"

namespace slimage::diff {

struct LoadOptions {
  analysis::AnalyzeOptions analyze;  // keep_package_databases is turned on
  analysis::ImageCheckOptions checks;
};

// One image's side from its model (read with keep_package_databases): the findings and the
// packages, then the per-layer entries and the hidden list freed (the diff needs neither).
DiffSide MakeDiffSide(analysis::ImageModel model, const analysis::ImageCheckOptions& checks);

// The first error wins (a's before b's).
Expected<std::pair<DiffSide, DiffSide>> LoadSides(const std::string& a, const std::string& b,
                                                  const LoadOptions& options);

}  // namespace slimage::diff
