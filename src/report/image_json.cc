#include <nlohmann/json.hpp>

#include "report/image_report.h"
#include "report/json_text.h"

namespace slimage::report {

using nlohmann::ordered_json;

void RenderImageJson(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     std::ostream& out) {
  const analysis::ImageMetrics& m = model.metrics;
  ordered_json document;
  document["tool"] = {{"name", "slimage"}, {"version", SLIMAGE_VERSION}};
  ordered_json image;
  PutText(image, "source", model.source);
  PutText(image, "digest", model.digest);
  PutText(image, "os", model.os);
  PutText(image, "architecture", model.architecture);
  image.update(ordered_json{{"size", m.size}, {"compressed_size", m.compressed_size}, {"final_size", m.final_size},
                            {"wasted", m.wasted}, {"efficiency", m.efficiency}, {"user_size", m.user_size},
                            {"user_wasted", m.user_wasted}, {"user_wasted_percent", m.user_wasted_percent},
                            {"files", m.files}, {"has_shell", m.has_shell}});
  document["image"] = std::move(image);
  ordered_json layers = ordered_json::array();
  for (size_t i = 0; i < model.history.size(); ++i) {
    const analysis::HistoryEntry& entry = model.history[i];
    ordered_json item;
    item["index"] = i;
    const analysis::Layer* layer = entry.layer ? &model.layers[static_cast<size_t>(*entry.layer)] : nullptr;
    if (layer) {
      if (!layer->digest.empty()) PutText(item, "digest", layer->digest);  // unknown for unnamed compressed blobs
      PutText(item, "diff_id", layer->diff_id);
    }
    PutText(item, "created_by", entry.created_by);
    item["empty_layer"] = layer == nullptr;
    analysis::LayerStats stats = layer ? layer->stats : analysis::LayerStats{};
    item["size"] = stats.size;
    item["compressed_size"] = stats.compressed_size;
    item["files_added"] = stats.files_added;
    item["files_changed"] = stats.files_changed;
    item["files_removed"] = stats.files_removed;
    item["wasted"] = stats.wasted;
    layers.push_back(std::move(item));
  }
  document["layers"] = std::move(layers);
  ordered_json list = ordered_json::array();
  for (const auto& finding : findings) {
    ordered_json item;
    item["rule"] = finding.rule;
    item["severity"] = std::string(SeverityName(finding.severity));
    if (finding.layer) item["layer"] = *finding.layer;
    if (!finding.path.empty()) PutText(item, "path", finding.path);
    item["bytes"] = finding.bytes;
    PutText(item, "message", finding.message);
    if (!finding.details.empty()) PutTexts(item, "details", finding.details);
    list.push_back(std::move(item));
  }
  document["findings"] = std::move(list);
  // Every text went through PutText; `replace` is only a guard against a field added without it.
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
