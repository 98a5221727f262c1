#include "dockerfile/ast.h"

#include <algorithm>

namespace slimage::dockerfile {

SourcePosition Node::PositionOf(size_t offset) const {
  if (segments.empty()) return {start_line, 1};
  auto after = std::upper_bound(segments.begin(), segments.end(), offset,
                                [](size_t wanted, const LineSegment& segment) { return wanted < segment.offset; });
  const LineSegment& segment = after == segments.begin() ? segments.front() : *(after - 1);
  size_t delta = offset >= segment.offset ? offset - segment.offset : 0;
  return {segment.line, segment.column + static_cast<int>(delta)};
}

size_t Node::FileOffsetOf(size_t offset) const {
  if (segments.empty()) return file_begin;
  auto after = std::upper_bound(segments.begin(), segments.end(), offset,
                                [](size_t wanted, const LineSegment& segment) { return wanted < segment.offset; });
  const LineSegment& segment = after == segments.begin() ? segments.front() : *(after - 1);
  return segment.file_offset + (offset >= segment.offset ? offset - segment.offset : 0);
}

}  // namespace slimage::dockerfile
