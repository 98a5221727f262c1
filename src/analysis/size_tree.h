// A filesystem as a tree of sizes, for the HTML report's treemap: directories, the files big
// enough to be seen, and per directory the small files aggregated into one node per group
// ("N small files"), so that a 100,000-file image stays a payload of a few hundred kB.
// Plain data, built here; the renderers only print it (docs/html-report.md, "Aggregation").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/image_model.h"

namespace slimage::analysis {

// One regular file going into the tree.
struct SizeLeaf {
  std::string path;   // absolute, normalised: "/usr/bin/env"
  uint64_t bytes = 0; // its area
  int group = 0;      // what colours it: a history index (analyze), a diff::DeltaKind (diff)
  int64_t delta = 0;  // diff only: b's size - a's
};

struct SizeNode {
  std::string name;        // one path component; "" for the root and for aggregates
  uint64_t bytes = 0;      // the file's size, or the sum of everything beneath
  int64_t delta = 0;       // sum of the leaves' deltas beneath
  int group = -1;          // files and aggregates; -1 for directories
  uint64_t files = 0;      // files it stands for: 1, N for an aggregate, all beneath for a directory
  bool aggregate = false;  // "N small files" of one group in one directory
  std::vector<SizeNode> children;  // directories only: largest first, then by name
};

struct SizeTree {
  SizeNode root;           // the directory "/"
  uint64_t threshold = 1;  // files (and whole directories) below this many bytes are aggregated
  uint64_t shown_files = 0;   // files that are nodes of their own
  uint64_t aggregates = 0;    // "N small files" nodes
};

// At most this many files can be at or above the threshold (their sizes add up to the total).
inline constexpr uint64_t kMaxShownFiles = 8192;
// ceil(total / kMaxShownFiles), at least 1: empty files are always aggregated.
uint64_t SmallFileThreshold(uint64_t total_bytes);

// A file of at least `threshold` bytes is a node; a smaller one goes into its directory's
// aggregate of its group. A directory below the threshold is not a node: everything beneath it
// goes into its parent's aggregates. Bytes and file counts are kept exactly at every level.
SizeTree BuildSizeTree(const std::vector<SizeLeaf>& leaves, uint64_t threshold);

// The final filesystem's regular files (as metrics.final_size counts them), grouped by the
// history index of the layer that wrote each: the root's bytes equal metrics.final_size.
SizeTree FinalFilesystemTree(const ImageModel& model);

// The history index of a filesystem layer (the JSON's layers[].index), its own index when the
// model has no history entry for it.
int HistoryIndexOfLayer(const ImageModel& model, int layer);

}  // namespace slimage::analysis
