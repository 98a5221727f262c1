#include "analysis/layer_applier.h"

namespace slimage::analysis {
namespace {

using image::EntryType;

bool IsDirectory(const FinalNode& node) { return node.entry.type == EntryType::kDirectory; }

// The keys strictly beneath `path` form one range of the sorted map: ["path/", "path0").
std::string SubtreeBegin(const std::string& path) { return path == "/" ? "/" : path + "/"; }
std::string SubtreeEnd(const std::string& path) { return path == "/" ? "0" : path + "0"; }

}  // namespace

void LayerApplier::Hide(const FinalNode& node, int layer_index, HiddenHow how) {
  HiddenEntry hidden;
  hidden.path = node.entry.path;
  hidden.type = node.entry.type;
  hidden.bytes = node.entry.type == EntryType::kFile ? node.entry.size : 0;
  hidden.written_by = node.layer;
  hidden.hidden_by = layer_index;
  hidden.how = how;
  hidden_.push_back(std::move(hidden));
}

uint64_t LayerApplier::RemoveTree(const std::string& path, bool include_self, int layer_index, HiddenHow how) {
  known_directory_.clear();
  last_valid_ = false;
  uint64_t removed = 0;
  uint64_t bytes_beneath = 0;
  auto begin = filesystem_.lower_bound(SubtreeBegin(path));
  auto end = filesystem_.lower_bound(SubtreeEnd(path));
  for (auto it = begin; it != end; ++it) {
    if (it->first == path) continue;  // "/" itself when path is the root
    if (!IsDirectory(it->second)) {
      Hide(it->second, layer_index, how);
      if (it->second.entry.type == EntryType::kFile) bytes_beneath += it->second.entry.size;
    }
    ++removed;
  }
  filesystem_.erase(begin, end);
  if (include_self) {
    auto self = filesystem_.find(path);
    if (self != filesystem_.end()) {
      if (IsDirectory(self->second)) {
        // A summary line for the directory itself (the files are listed above).
        Hide(self->second, layer_index, how);
        hidden_.back().bytes = bytes_beneath;
      } else {
        Hide(self->second, layer_index, how);
      }
      filesystem_.erase(self);
      ++removed;
    }
  }
  return removed;
}

void LayerApplier::EnsureParents(const std::string& path, int layer_index, LayerStats& stats) {
  const size_t last_slash = path.rfind('/');
  if (last_slash == 0 || last_slash == std::string::npos) return;  // in the root
  const std::string_view parent_of_path(path.data(), last_slash);
  if (parent_of_path == known_directory_) return;
  // Every node's parents are in the tree, so the walk stops at the first directory found,
  // going up from the parent.
  size_t present = last_slash;  // path[0, present) is the deepest directory found
  while (present > 0) {
    auto it = filesystem_.find(std::string_view(path.data(), present));
    if (it != filesystem_.end() && IsDirectory(it->second)) break;
    present = path.rfind('/', present - 1);
  }
  for (size_t slash = path.find('/', present + 1); slash != std::string::npos && slash <= last_slash;
       slash = path.find('/', slash + 1)) {
    std::string parent = path.substr(0, slash);
    auto it = filesystem_.find(parent);
    if (it != filesystem_.end() && IsDirectory(it->second)) continue;
    if (it != filesystem_.end()) {
      // A file (or link) where a directory must be: the directory replaces it.
      RemoveTree(parent, true, layer_index, HiddenHow::kOverwritten);
      ++stats.files_changed;
    }
    FinalNode node;
    node.entry.path = parent;
    node.entry.type = EntryType::kDirectory;
    node.entry.mode = 0755;
    node.layer = layer_index;
    filesystem_[parent] = std::move(node);
  }
  known_directory_.assign(parent_of_path);
}

FileTree::iterator LayerApplier::LowerBound(const std::string& path) {
  if (last_valid_ && last_->first < path) {
    auto after = std::next(last_);
    if (after == filesystem_.end() || !(after->first < path)) return after;
  }
  return filesystem_.lower_bound(path);
}

void LayerApplier::Apply(int layer_index, std::vector<image::LayerEntry>&& entries, LayerStats& stats) {
  // Opaque directories apply first, wherever they appear in the tar: they hide only what
  // the layers below wrote.
  for (const auto& entry : entries) {
    if (entry.type != EntryType::kOpaque) continue;
    auto dir = filesystem_.find(entry.path);
    if (entry.path != "/" && (dir == filesystem_.end() || !IsDirectory(dir->second))) continue;
    stats.files_removed += RemoveTree(entry.path, false, layer_index, HiddenHow::kOpaqueDir);
  }
  for (auto& entry : entries) {
    if (entry.type == EntryType::kFile) stats.size += entry.size;
    if (entry.type == EntryType::kOpaque) continue;
    if (entry.type == EntryType::kWhiteout) {
      if (entry.path == "/") continue;
      stats.files_removed += RemoveTree(entry.path, true, layer_index, HiddenHow::kDeleted);
      continue;
    }
    if (entry.path == "/") continue;  // the root's own metadata
    EnsureParents(entry.path, layer_index, stats);
    auto existing = LowerBound(entry.path);
    if (existing == filesystem_.end() || existing->first != entry.path) {
      ++stats.files_added;
      std::string key = entry.path;
      last_ = filesystem_.emplace_hint(existing, std::move(key), FinalNode{std::move(entry), layer_index});
      last_valid_ = true;
      continue;
    }
    if (IsDirectory(existing->second) && entry.type == EntryType::kDirectory) {
      // Re-listed directory: its contents stay; only metadata may change.
    } else if (IsDirectory(existing->second)) {
      RemoveTree(entry.path, true, layer_index, HiddenHow::kOverwritten);
      ++stats.files_changed;
      std::string key = entry.path;
      last_ = filesystem_.emplace(std::move(key), FinalNode{std::move(entry), layer_index}).first;
      last_valid_ = true;
      continue;
    } else {
      const image::LayerEntry& before = existing->second.entry;
      Hide(existing->second, layer_index, HiddenHow::kOverwritten);
      if (entry.type == EntryType::kFile && before.type == EntryType::kFile && existing->second.layer < layer_index &&
          entry.size > 0 && entry.size == before.size && entry.content_hash == before.content_hash) {
        HiddenEntry& rewrite = hidden_.back();
        rewrite.same_content = true;
        rewrite.new_mode = entry.mode != before.mode;
        rewrite.new_owner = entry.uid != before.uid || entry.gid != before.gid;
      }
      ++stats.files_changed;
    }
    existing->second.entry = std::move(entry);
    existing->second.layer = layer_index;
    last_ = existing;
    last_valid_ = true;
  }
}

}  // namespace slimage::analysis
