// Layers: the longest common sequence of diff_ids is `same`; between two shared layers the
// rest are paired side by side in order, `changed` when the instruction is the same (as
// ShortInstruction writes it, so that docker's "/bin/sh -c X" and kaniko's "RUN X" agree).
#include <algorithm>

#include "analysis/check_support.h"
#include "diff/image_diff.h"

namespace slimage::diff {
namespace {

struct LayerView {
  int history_index = 0;
  uint64_t size = 0;
  std::string created_by;
  std::string diff_id;
  std::string instruction;  // created_by as the builders agree on it ("RUN …", no "/bin/sh -c", no "# buildkit")
};

std::vector<LayerView> Views(const analysis::ImageModel& model) {
  std::vector<LayerView> views;
  for (size_t i = 0; i < model.layers.size(); ++i) {
    const analysis::Layer& layer = model.layers[i];
    LayerView view;
    view.history_index = layer.history_index.value_or(static_cast<int>(i));
    view.size = layer.stats.size;
    view.diff_id = layer.diff_id;
    if (layer.history_index && static_cast<size_t>(*layer.history_index) < model.history.size()) {
      view.created_by = model.history[static_cast<size_t>(*layer.history_index)].created_by;
    }
    view.instruction = analysis::ShortInstruction(view.created_by, view.created_by.size() + 16);
    views.push_back(std::move(view));
  }
  return views;
}

LayerRow Only(const LayerView& view, LayerStatus status) {
  LayerRow row;
  row.status = status;
  (status == LayerStatus::kRemoved ? row.a_index : row.b_index) = view.history_index;
  (status == LayerStatus::kRemoved ? row.a_size : row.b_size) = view.size;
  row.delta = status == LayerStatus::kRemoved ? -static_cast<int64_t>(view.size) : static_cast<int64_t>(view.size);
  row.created_by = view.created_by;
  row.diff_id = view.diff_id;
  return row;
}

LayerRow Both(const LayerView& a, const LayerView& b, LayerStatus status) {
  LayerRow row;
  row.status = status;
  row.a_index = a.history_index;
  row.b_index = b.history_index;
  row.a_size = a.size;
  row.b_size = b.size;
  row.delta = static_cast<int64_t>(b.size) - static_cast<int64_t>(a.size);
  row.created_by = b.created_by;
  row.diff_id = b.diff_id;
  return row;
}

// The unmatched layers between two shared ones, side by side.
void PairGap(const std::vector<LayerView>& a, size_t a_begin, size_t a_end, const std::vector<LayerView>& b,
             size_t b_begin, size_t b_end, std::vector<LayerRow>& rows) {
  size_t i = a_begin;
  size_t j = b_begin;
  for (; i < a_end && j < b_end; ++i, ++j) {
    if (a[i].instruction == b[j].instruction) {
      rows.push_back(Both(a[i], b[j], LayerStatus::kChanged));
    } else {
      rows.push_back(Only(a[i], LayerStatus::kRemoved));
      rows.push_back(Only(b[j], LayerStatus::kAdded));
    }
  }
  for (; i < a_end; ++i) rows.push_back(Only(a[i], LayerStatus::kRemoved));
  for (; j < b_end; ++j) rows.push_back(Only(b[j], LayerStatus::kAdded));
}

}  // namespace

std::vector<LayerRow> DiffLayers(const analysis::ImageModel& a_model, const analysis::ImageModel& b_model) {
  const std::vector<LayerView> a = Views(a_model);
  const std::vector<LayerView> b = Views(b_model);
  // Longest common subsequence of diff_ids (images have at most a few hundred layers).
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [m](size_t i, size_t j) { return i * (m + 1) + j; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[at(i, j)] = !a[i].diff_id.empty() && a[i].diff_id == b[j].diff_id
                          ? lcs[at(i + 1, j + 1)] + 1
                          : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
    }
  }
  std::vector<LayerRow> rows;
  size_t i = 0, j = 0, gap_i = 0, gap_j = 0;
  while (i < n && j < m) {
    if (!a[i].diff_id.empty() && a[i].diff_id == b[j].diff_id) {
      PairGap(a, gap_i, i, b, gap_j, j, rows);
      rows.push_back(Both(a[i], b[j], LayerStatus::kSame));
      gap_i = ++i;
      gap_j = ++j;
    } else if (lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
      ++i;
    } else {
      ++j;
    }
  }
  PairGap(a, gap_i, n, b, gap_j, m, rows);
  return rows;
}

}  // namespace slimage::diff
