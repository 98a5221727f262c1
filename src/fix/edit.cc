#include "fix/edit.h"

#include <algorithm>
#include <tuple>

namespace slimage::fix {

void SortEdits(std::vector<Edit>* edits) {
  std::stable_sort(edits->begin(), edits->end(), [](const Edit& a, const Edit& b) {
    // A replacement starting at the same offset as an insertion goes after it.
    return std::tuple(a.offset, a.length > 0, a.order) < std::tuple(b.offset, b.length > 0, b.order);
  });
}

bool Overlap(const Edit& a, const Edit& b) {
  if (a.length == 0 && b.length == 0) return false;
  if (a.length == 0) return a.offset > b.offset && a.offset < b.end();
  if (b.length == 0) return b.offset > a.offset && b.offset < a.end();
  return a.offset < b.end() && b.offset < a.end();
}

bool AnyOverlap(const std::vector<Edit>& sorted) {
  for (size_t i = 0; i < sorted.size(); ++i) {
    for (size_t j = i + 1; j < sorted.size() && sorted[j].offset <= sorted[i].end(); ++j) {
      if (Overlap(sorted[i], sorted[j])) return true;
    }
  }
  return false;
}

Expected<std::string> ApplyEdits(std::string_view source, const std::vector<Edit>& sorted) {
  if (AnyOverlap(sorted)) return MakeError("overlapping edits");
  std::string out;
  out.reserve(source.size() + 64);
  size_t at = 0;
  for (const Edit& edit : sorted) {
    if (edit.end() > source.size() || edit.offset < at) return MakeError("edit at byte {} out of order or range", edit.offset);
    out.append(source.substr(at, edit.offset - at));
    out.append(edit.replacement);
    at = edit.end();
  }
  out.append(source.substr(at));
  return out;
}

}  // namespace slimage::fix
