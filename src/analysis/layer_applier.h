// Applies layers one after another to a filesystem tree the way an overlay/OCI runtime
// does, recording what each layer hides and its added/changed/removed counts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/image_model.h"

namespace slimage::analysis {

class LayerApplier {
 public:
  // Applies `entries` as layer `layer_index`, moving them into the tree; fills `stats`
  // (counts) and appends to hidden().
  void Apply(int layer_index, std::vector<image::LayerEntry>&& entries, LayerStats& stats);

  FileTree& filesystem() { return filesystem_; }
  std::vector<HiddenEntry>& hidden() { return hidden_; }

 private:
  // Removes `path` and everything beneath it; returns how many nodes went.
  uint64_t RemoveTree(const std::string& path, bool include_self, int layer_index, HiddenHow how);
  void Hide(const FinalNode& node, int layer_index, HiddenHow how);
  void EnsureParents(const std::string& path, int layer_index, LayerStats& stats);
  FileTree::iterator LowerBound(const std::string& path);

  FileTree filesystem_;
  // A directory known to be in the tree with all its parents (every node's parents are): the
  // entries of a tar come grouped by directory, so most need no walk up. Cleared on removal.
  std::string known_directory_;
  // The node the previous entry went to: tar entries come sorted, or nearly, so the next
  // entry's place is usually right after it. Invalid after a removal.
  FileTree::iterator last_;
  bool last_valid_ = false;
  std::vector<HiddenEntry> hidden_;
};

}  // namespace slimage::analysis
