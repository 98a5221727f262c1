#include "support/in_memory_image.h"

#include <functional>

namespace slimage::testing {
namespace {

using analysis::FinalNode;
using analysis::HiddenEntry;
using analysis::HiddenHow;
using image::EntryType;
using image::LayerEntry;

bool Beneath(const std::string& path, const std::string& dir) {
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

// Hides `path` (when `include_self`) and everything beneath it.
void HideTree(analysis::ImageModel& model, const std::string& path, bool include_self, int by, HiddenHow how) {
  std::vector<std::string> gone;
  uint64_t beneath_bytes = 0;
  for (const auto& [node_path, node] : model.filesystem) {
    if (Beneath(node_path, path)) {
      gone.push_back(node_path);
      if (node.entry.type == EntryType::kFile) beneath_bytes += node.entry.size;
    }
  }
  const auto self = model.filesystem.find(path);
  if (include_self && self != model.filesystem.end()) {
    const LayerEntry& entry = self->second.entry;
    const uint64_t bytes = entry.type == EntryType::kDirectory ? beneath_bytes : entry.size;
    model.hidden.push_back({path, entry.type, bytes, self->second.layer, by, how});
  }
  for (const std::string& node_path : gone) {
    const FinalNode& node = model.filesystem.at(node_path);
    const uint64_t bytes = node.entry.type == EntryType::kFile ? node.entry.size : 0;
    model.hidden.push_back({node_path, node.entry.type, bytes, node.layer, by, how});
    model.filesystem.erase(node_path);
  }
  if (include_self) model.filesystem.erase(path);
}

}  // namespace

InMemoryImage& InMemoryImage::Layer(const std::string& created_by) {
  analysis::HistoryEntry history;
  history.created_by = created_by;
  history.layer = static_cast<int>(model_.layers.size());
  analysis::Layer layer;
  layer.digest = "sha256:" + std::to_string(model_.layers.size());
  layer.history_index = static_cast<int>(model_.history.size());
  model_.history.push_back(history);
  model_.layers.push_back(layer);
  entries_.emplace_back();
  return *this;
}

InMemoryImage& InMemoryImage::EmptyLayer(const std::string& created_by) {
  analysis::HistoryEntry history;
  history.created_by = created_by;
  history.empty_layer = true;
  model_.history.push_back(history);
  return *this;
}

InMemoryImage& InMemoryImage::Text(const std::string& path, const std::string& contents) {
  File(path, contents.size(), std::hash<std::string>{}(contents) | 1);
  entries_.back().back().text = contents;
  return *this;
}

InMemoryImage& InMemoryImage::File(const std::string& path, uint64_t size, uint64_t hash, uint32_t mode, uint32_t uid) {
  LayerEntry entry;
  entry.path = path;
  entry.type = EntryType::kFile;
  entry.size = size;
  entry.mode = mode;
  entry.uid = uid;
  entry.gid = uid;
  entry.content_hash = hash != 0 ? hash : std::hash<std::string>{}(path) ^ (size * 0x9e3779b97f4a7c15ull);
  entries_.back().push_back(entry);
  return *this;
}

InMemoryImage& InMemoryImage::Elf(const std::string& path, const image::ElfInfo& elf, uint64_t size) {
  File(path, size, 0, 0755);
  entries_.back().back().elf = elf;
  return *this;
}

InMemoryImage& InMemoryImage::Dir(const std::string& path) {
  LayerEntry entry;
  entry.path = path;
  entry.type = EntryType::kDirectory;
  entry.mode = 0755;
  entries_.back().push_back(entry);
  return *this;
}

InMemoryImage& InMemoryImage::Symlink(const std::string& path, const std::string& target) {
  LayerEntry entry;
  entry.path = path;
  entry.type = EntryType::kSymlink;
  entry.link_target = target;
  entries_.back().push_back(entry);
  return *this;
}

InMemoryImage& InMemoryImage::Whiteout(const std::string& path) {
  LayerEntry entry;
  entry.path = path;
  entry.type = EntryType::kWhiteout;
  entries_.back().push_back(entry);
  return *this;
}

InMemoryImage& InMemoryImage::Opaque(const std::string& dir) {
  LayerEntry entry;
  entry.path = dir;
  entry.type = EntryType::kOpaque;
  entries_.back().push_back(entry);
  return *this;
}

InMemoryImage& InMemoryImage::ConfigJson(const std::string& json) {
  model_.config_json = json;
  return *this;
}

InMemoryImage& InMemoryImage::Architecture(const std::string& architecture) {
  model_.architecture = architecture;
  return *this;
}

InMemoryImage& InMemoryImage::HasShell(bool has_shell) {
  model_.metrics.has_shell = has_shell;
  return *this;
}

analysis::ImageModel InMemoryImage::Build() const {
  analysis::ImageModel model = model_;
  model.filesystem.clear();
  model.hidden.clear();
  for (size_t index = 0; index < model.layers.size(); ++index) {
    const int layer = static_cast<int>(index);
    for (const LayerEntry& entry : entries_[index]) {
      if (entry.type == EntryType::kWhiteout) {
        HideTree(model, entry.path, true, layer, HiddenHow::kDeleted);
        continue;
      }
      if (entry.type == EntryType::kOpaque) {
        HideTree(model, entry.path, false, layer, HiddenHow::kOpaqueDir);
        continue;
      }
      const auto existing = model.filesystem.find(entry.path);
      if (existing != model.filesystem.end()) {
        const bool dir_over_dir =
            existing->second.entry.type == EntryType::kDirectory && entry.type == EntryType::kDirectory;
        if (!dir_over_dir) {
          const FinalNode before = existing->second;
          HideTree(model, entry.path, true, layer, HiddenHow::kOverwritten);
          // As LayerApplier marks an IM102 rewrite: a lower file stored again, same size and content.
          if (entry.type == EntryType::kFile && before.entry.type == EntryType::kFile && before.layer < layer &&
              entry.size > 0 && entry.size == before.entry.size && entry.content_hash == before.entry.content_hash) {
            for (auto it = model.hidden.rbegin(); it != model.hidden.rend(); ++it) {
              if (it->path != entry.path) continue;
              it->same_content = true;
              it->new_mode = entry.mode != before.entry.mode;
              it->new_owner = entry.uid != before.entry.uid || entry.gid != before.entry.gid;
              break;
            }
          }
        }
      }
      model.filesystem[entry.path] = FinalNode{entry, layer};
    }
  }
  return model;
}

image::ElfInfo DynamicX8664(std::vector<std::string> needed, std::string interpreter) {
  image::ElfInfo elf;
  elf.is_64_bit = true;
  elf.type = 3;
  elf.machine = 62;
  elf.interpreter = std::move(interpreter);
  elf.needed = std::move(needed);
  return elf;
}

image::ElfInfo SharedLibraryX8664(std::vector<std::string> needed) {
  image::ElfInfo elf = DynamicX8664(std::move(needed), "");
  return elf;
}

image::ElfInfo StaticX8664() {
  image::ElfInfo elf;
  elf.is_64_bit = true;
  elf.type = 2;
  elf.machine = 62;
  return elf;
}

}  // namespace slimage::testing
