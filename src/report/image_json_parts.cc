#include "report/image_json_parts.h"

namespace slimage::report {

nlohmann::ordered_json ImageSummaryJson(const analysis::ImageModel& model) {
  const analysis::ImageMetrics& m = model.metrics;
  return {{"source", model.source}, {"digest", model.digest}, {"os", model.os},
          {"architecture", model.architecture}, {"size", m.size},
          {"compressed_size", m.compressed_size}, {"final_size", m.final_size},
          {"wasted", m.wasted}, {"efficiency", m.efficiency}, {"user_size", m.user_size},
          {"user_wasted", m.user_wasted}, {"user_wasted_percent", m.user_wasted_percent},
          {"files", m.files}, {"has_shell", m.has_shell}};
}

nlohmann::ordered_json ImageFindingJson(const analysis::ImageFinding& finding) {
  nlohmann::ordered_json item;
  item["rule"] = finding.rule;
  item["severity"] = std::string(SeverityName(finding.severity));
  if (finding.layer) item["layer"] = *finding.layer;
  if (!finding.path.empty()) item["path"] = finding.path;
  item["bytes"] = finding.bytes;
  item["message"] = finding.message;
  if (!finding.details.empty()) item["details"] = finding.details;
  return item;
}

}  // namespace slimage::report
