// Per filesystem layer: what it left in the final filesystem and what of what it wrote a later
// layer hid (wasted), with the largest wasted paths; and the largest wasted paths of the whole
// image. Plain data for the HTML report's layer list (the renderers only print it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/image_model.h"

namespace slimage::analysis {

// A hidden path with the layers named by history index (the JSON's layers[].index).
struct WastedPath {
  std::string path;
  bool directory = false;  // a summary of the hidden files beneath, which are listed too
  uint64_t bytes = 0;
  int written_by = 0;
  int hidden_by = 0;
  HiddenHow how = HiddenHow::kOverwritten;
};

struct LayerBreakdown {
  int history_index = 0;
  uint64_t visible_files = 0;  // regular files of the final filesystem this layer wrote
  uint64_t visible_bytes = 0;
  uint64_t wasted_files = 0;   // non-empty files it wrote that a later (or the same) layer hid
  uint64_t wasted_bytes = 0;   // == its LayerStats::wasted
  std::vector<WastedPath> wasted;  // largest first, at most `top`
};

struct ImageBreakdown {
  std::vector<LayerBreakdown> layers;  // one per filesystem layer, bottom first
  std::vector<WastedPath> top_wasted;  // the image's largest, at most `top`
};

ImageBreakdown BreakDownLayers(const ImageModel& model, size_t top);

}  // namespace slimage::analysis
