#include "diff/delta_tree.h"

#include <vector>

namespace slimage::diff {

const char* DeltaKindName(DeltaKind kind) {
  switch (kind) {
    case DeltaKind::kSame: return "same";
    case DeltaKind::kAdded: return "added";
    case DeltaKind::kGrown: return "grown";
    case DeltaKind::kShrunk: return "shrunk";
    case DeltaKind::kModified: return "modified";
    case DeltaKind::kRemoved: return "removed";
  }
  return "same";
}

analysis::SizeTree DeltaTree(const analysis::ImageModel& a, const analysis::ImageModel& b) {
  std::vector<analysis::SizeLeaf> leaves;
  uint64_t total = 0;
  for (const auto& [path, node] : b.filesystem) {
    if (node.entry.type != image::EntryType::kFile) continue;
    const uint64_t size = node.entry.size;
    DeltaKind kind = DeltaKind::kAdded;
    int64_t delta = static_cast<int64_t>(size);
    auto before = a.filesystem.find(path);
    if (before != a.filesystem.end() && before->second.entry.type == image::EntryType::kFile) {
      const image::LayerEntry& old = before->second.entry;
      delta = static_cast<int64_t>(size) - static_cast<int64_t>(old.size);
      kind = size > old.size ? DeltaKind::kGrown
             : size < old.size ? DeltaKind::kShrunk
             : old.content_hash != node.entry.content_hash ? DeltaKind::kModified  // as path_diff.cc: other bytes
                                                         : DeltaKind::kSame;
    }
    leaves.push_back(analysis::SizeLeaf{path, size, static_cast<int>(kind), delta});
    total += size;
  }
  for (const auto& [path, node] : a.filesystem) {
    if (node.entry.type != image::EntryType::kFile) continue;
    auto after = b.filesystem.find(path);
    if (after != b.filesystem.end() && after->second.entry.type == image::EntryType::kFile) continue;
    leaves.push_back(analysis::SizeLeaf{path, node.entry.size, static_cast<int>(DeltaKind::kRemoved),
                                        -static_cast<int64_t>(node.entry.size)});
    total += node.entry.size;
  }
  return analysis::BuildSizeTree(leaves, analysis::SmallFileThreshold(total));
}

}  // namespace slimage::diff
