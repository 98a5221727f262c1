#include <nlohmann/json.hpp>

#include "report/image_json_parts.h"
#include "report/image_report.h"
#include "report/json_text.h"

namespace slimage::report {

using nlohmann::ordered_json;

void RenderImageJson(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     std::ostream& out) {
  ordered_json document;
  document["tool"] = {{"name", "slimage"}, {"version", SLIMAGE_VERSION}};
  document["image"] = ImageSummaryJson(model);
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
    list.push_back(ImageFindingJson(finding));
  }
  document["findings"] = std::move(list);
  // Every text went through PutText; `replace` is only a guard against a field added without it.
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
