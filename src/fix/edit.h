// A fix is a set of byte-range edits of the original file: replace `length` bytes at `offset`
// with `replacement` (length 0 inserts). Everything outside the edits stays byte for byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace slimage::fix {

struct Edit {
  size_t offset = 0;
  size_t length = 0;
  std::string replacement;
  // Among insertions at the same offset, lower first (a command appended to a RUN goes before
  // the ` && \` that joins the next RUN to it).
  int order = 0;

  size_t end() const { return offset + length; }
};

// Sorts by offset (then order). Two edits overlap when their ranges share a byte, or when an
// insertion falls strictly inside a replaced range; insertions at the same offset do not.
void SortEdits(std::vector<Edit>* edits);
bool Overlap(const Edit& a, const Edit& b);
bool AnyOverlap(const std::vector<Edit>& sorted);

// Applies sorted, non-overlapping edits. Errors: an edit out of range, or overlapping edits.
Expected<std::string> ApplyEdits(std::string_view source, const std::vector<Edit>& sorted);

}  // namespace slimage::fix
