// `slimage measure --format html`: a bar chart of the image size per step and the steps'
// table, drawn from the measure JSON document (cli.md "JSON for measure", with "not_applied"
// and the optional "largest_step_diff").
#pragma once

#include <string>
#include <string_view>

namespace slimage::html {

// The page embedding `measure_json_document` (one JSON document, as the measure JSON renderer
// prints it; a trailing newline is fine) as "slimage-report".
std::string RenderMeasureHtml(std::string_view measure_json_document);

}  // namespace slimage::html
