#include "report/image_json_parts.h"

#include "report/json_text.h"

namespace slimage::report {

// Every text from the image goes through PutText (report/json_text.h): the lossless form of
// docs/image-analysis.md for names that are not UTF-8.
nlohmann::ordered_json ImageSummaryJson(const analysis::ImageModel& model) {
  const analysis::ImageMetrics& m = model.metrics;
  nlohmann::ordered_json image;
  PutText(image, "source", model.source);
  PutText(image, "digest", model.digest);
  PutText(image, "os", model.os);
  PutText(image, "architecture", model.architecture);
  image.update(nlohmann::ordered_json{{"size", m.size}, {"compressed_size", m.compressed_size},
                                      {"final_size", m.final_size}, {"wasted", m.wasted},
                                      {"efficiency", m.efficiency}, {"user_size", m.user_size},
                                      {"user_wasted", m.user_wasted}, {"user_wasted_percent", m.user_wasted_percent},
                                      {"files", m.files}, {"has_shell", m.has_shell}});
  return image;
}

nlohmann::ordered_json ImageFindingJson(const analysis::ImageFinding& finding) {
  nlohmann::ordered_json item;
  item["rule"] = finding.rule;
  item["severity"] = std::string(SeverityName(finding.severity));
  if (finding.layer) item["layer"] = *finding.layer;
  if (!finding.path.empty()) PutText(item, "path", finding.path);
  item["bytes"] = finding.bytes;
  PutText(item, "message", finding.message);
  if (!finding.details.empty()) PutTexts(item, "details", finding.details);
  return item;
}

}  // namespace slimage::report
