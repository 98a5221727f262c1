// Image b's final filesystem as a size tree (analysis/size_tree.h) for the diff report's
// treemap, each file grouped by how it changed from image a; the files only a has are in the
// tree too, as ghosts with a's size, so the treemap shows what went away.
#pragma once

#include "analysis/image_model.h"
#include "analysis/size_tree.h"

namespace slimage::diff {

// The groups of the tree's nodes (SizeNode::group).
enum class DeltaKind { kSame = 0, kAdded = 1, kGrown = 2, kShrunk = 3, kModified = 4, kRemoved = 5 };
const char* DeltaKindName(DeltaKind kind);  // "same", "added", "grown", "shrunk", "modified", "removed"

// Leaves: every regular file of b (area its b size, delta b - a) and every regular file of a
// that is not one in b (area its a size, delta -a). The root's bytes are b's final size plus
// the removed bytes.
analysis::SizeTree DeltaTree(const analysis::ImageModel& a, const analysis::ImageModel& b);

}  // namespace slimage::diff
