// Renderers of `slimage measure`. They print a measure::MeasureResult and compute nothing.
#pragma once

#include <ostream>

#include "measure/measure_result.h"

namespace slimage::report {

// cli.md "JSON for measure", plus "rejected", "not_applied" and "largest_step_diff" (the
// diff body of cli.md "JSON for diff" between that step and the one it was built on).
void RenderMeasureJson(const measure::MeasureResult& result, std::ostream& out);
// The table of steps, the total, what was not applied, and the top of the largest step's diff.
void RenderMeasureText(const measure::MeasureResult& result, std::ostream& out);

}  // namespace slimage::report
