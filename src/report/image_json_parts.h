// Pieces of the analyze JSON (cli.md "JSON for analyze") that the diff JSON repeats: the
// image summary object and one finding object.
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::report {

nlohmann::ordered_json ImageSummaryJson(const analysis::ImageModel& model);
nlohmann::ordered_json ImageFindingJson(const analysis::ImageFinding& finding);

}  // namespace slimage::report
