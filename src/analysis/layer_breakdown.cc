#include "analysis/layer_breakdown.h"

#include <algorithm>

#include "analysis/size_tree.h"

namespace slimage::analysis {
namespace {

// The `top` largest, in the order they were hidden among equals (as the text report lists them).
std::vector<WastedPath> Largest(std::vector<WastedPath> paths, size_t top) {
  std::stable_sort(paths.begin(), paths.end(), [](const WastedPath& a, const WastedPath& b) { return a.bytes > b.bytes; });
  if (paths.size() > top) paths.resize(top);
  return paths;
}

}  // namespace

ImageBreakdown BreakDownLayers(const ImageModel& model, size_t top) {
  ImageBreakdown result;
  result.layers.resize(model.layers.size());
  for (size_t i = 0; i < model.layers.size(); ++i) {
    result.layers[i].history_index = HistoryIndexOfLayer(model, static_cast<int>(i));
  }
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type != image::EntryType::kFile) continue;
    if (node.layer < 0 || static_cast<size_t>(node.layer) >= result.layers.size()) continue;
    LayerBreakdown& layer = result.layers[static_cast<size_t>(node.layer)];
    ++layer.visible_files;
    layer.visible_bytes += node.entry.size;
  }
  std::vector<std::vector<WastedPath>> per_layer(model.layers.size());
  std::vector<WastedPath> all;
  for (const HiddenEntry& hidden : model.hidden) {
    if (hidden.bytes == 0) continue;  // an empty file or a symlink: nothing wasted to show
    if (hidden.written_by < 0 || static_cast<size_t>(hidden.written_by) >= result.layers.size()) continue;
    const bool directory = hidden.type == image::EntryType::kDirectory;
    WastedPath wasted{hidden.path, directory, hidden.bytes, HistoryIndexOfLayer(model, hidden.written_by),
                      HistoryIndexOfLayer(model, hidden.hidden_by), hidden.how};
    LayerBreakdown& layer = result.layers[static_cast<size_t>(hidden.written_by)];
    if (!directory) {  // directories are summaries of files listed on their own
      ++layer.wasted_files;
      layer.wasted_bytes += hidden.bytes;
    }
    per_layer[static_cast<size_t>(hidden.written_by)].push_back(wasted);
    all.push_back(std::move(wasted));
  }
  for (size_t i = 0; i < per_layer.size(); ++i) result.layers[i].wasted = Largest(std::move(per_layer[i]), top);
  result.top_wasted = Largest(std::move(all), top);
  return result;
}

}  // namespace slimage::analysis
