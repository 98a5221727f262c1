#include "analysis/base_image.h"

#include <regex>

namespace slimage::analysis {

int BaseLayerCountFromHistory(const std::vector<HistoryEntry>& history) {
  // "/bin/sh -c #(nop)  CMD [\"sh\"]" (classic builder) or "CMD [\"sh\"]" (BuildKit).
  static const std::regex kEndOfImage(R"(^\s*(/bin/sh -c #\(nop\)\s+)?(CMD|ENTRYPOINT)\b)");
  int base_end = -1;
  for (size_t i = 0; i < history.size(); ++i) {
    if (!std::regex_search(history[i].created_by, kEndOfImage)) continue;
    bool layer_after = false;
    for (size_t j = i + 1; j < history.size(); ++j) layer_after = layer_after || history[j].layer.has_value();
    if (layer_after) base_end = static_cast<int>(i);
  }
  int layers = 0;
  for (int i = 0; i <= base_end; ++i) layers += history[static_cast<size_t>(i)].layer.has_value() ? 1 : 0;
  return layers;
}

}  // namespace slimage::analysis
