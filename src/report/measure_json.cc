#include <nlohmann/json.hpp>

#include "report/diff_json.h"
#include "report/measure_report.h"

namespace slimage::report {

void RenderMeasureJson(const measure::MeasureResult& result, std::ostream& out) {
  using nlohmann::ordered_json;
  ordered_json document;
  document["tool"] = {{"name", "slimage"}, {"version", SLIMAGE_VERSION}};
  document["dockerfile"] = result.dockerfile;
  document["builder"] = result.builder;
  document["smoke"] = result.smoke_default ? ordered_json(nullptr) : ordered_json(result.smoke);
  ordered_json steps = ordered_json::array();
  for (const measure::Step& step : result.steps) {
    ordered_json row;
    row["step"] = step.step;
    row["rules"] = step.rules;
    row["image"] = step.image;
    row["size"] = step.size;
    row["compressed_size"] = step.compressed_size;
    row["final_size"] = step.final_size;
    row["layers"] = step.layers;
    row["delta"] = step.delta;
    row["based_on"] = step.based_on;
    row["smoke"] = measure::SmokeStatusName(step.smoke);
    row["smoke_exit_code"] = step.smoke_exit_code ? ordered_json(*step.smoke_exit_code) : ordered_json(nullptr);
    row["smoke_output"] = step.smoke_output;
    row["problem"] = step.smoke_problem.empty() ? ordered_json(nullptr) : ordered_json(step.smoke_problem);
    row["unchanged"] = step.unchanged;
    steps.push_back(std::move(row));
  }
  document["steps"] = std::move(steps);
  document["total"] = {{"size_before", result.size_before},
                       {"size_after", result.size_after},
                       {"saved", result.saved},
                       {"saved_percent", result.saved_percent}};
  ordered_json rejected = ordered_json::array();
  for (const measure::RejectedFix& fix : result.rejected) rejected.push_back({{"rule", fix.rule}, {"reason", fix.reason}});
  document["rejected"] = std::move(rejected);
  ordered_json not_applied = ordered_json::array();
  for (const measure::NotApplied& row : result.not_applied) {
    not_applied.push_back({{"rule", row.rule},
                           {"line", row.line},
                           {"message", row.message},
                           {"image_rules", row.image_rules},
                           {"bytes", row.bytes}});
  }
  document["not_applied"] = std::move(not_applied);
  // The step that saved the most: "step", "against" (the step it was built on), then the
  // body of the diff JSON between the two.
  if (result.largest) {
    ordered_json largest;
    largest["step"] = result.largest->step;
    largest["against"] = result.largest->against;
    largest.update(DiffJson(*result.largest->before, *result.largest->after, result.largest->diff));
    document["largest_step_diff"] = std::move(largest);
  } else {
    document["largest_step_diff"] = nullptr;
  }
  // Texts come from the Dockerfile and the images: invalid UTF-8 is replaced, never an exception.
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
