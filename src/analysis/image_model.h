// The analysed image: history, layers with their stats, the final filesystem
// and every byte a later layer hid. Built once by BuildImageModel (image_model_builder.h);
// the metrics, the checks (IM…) and the renderers only read it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "image/layer_entry.h"

namespace slimage::analysis {

struct HistoryEntry {
  std::string created_by;    // "/bin/sh -c apt-get install …", "COPY . /app # buildkit"
  std::string created;       // RFC 3339 timestamp as written
  std::string comment;
  bool empty_layer = false;  // metadata only: no filesystem layer
  std::optional<int> layer;  // index into ImageModel::layers for non-empty entries
};

struct LayerStats {
  uint64_t size = 0;             // sum of regular-file sizes in the layer tar (rules.md)
  uint64_t compressed_size = 0;  // blob bytes
  uint64_t files_added = 0;      // entries whose path did not exist below (re-listed directories excluded)
  uint64_t files_changed = 0;    // entries that replaced an existing path (re-listed directories excluded)
  uint64_t files_removed = 0;    // paths removed by whiteouts / opaque dirs, everything beneath included
  uint64_t wasted = 0;           // bytes this layer wrote that a later (or the same) layer hid
};

struct Layer {
  std::string digest;   // blob digest "sha256:…" (computed when the source does not name it)
  std::string diff_id;  // "sha256:…" of the uncompressed tar
  std::optional<int> history_index;  // the history entry that made it, when history has one
  LayerStats stats;                  // (its entries moved into `filesystem` and `hidden` as applied)
};

// A path of the final filesystem.
struct FinalNode {
  image::LayerEntry entry;  // entry.path is the key
  int layer = 0;            // index into ImageModel::layers of the layer that wrote it
};

// The final tree, sorted by path (a subtree is one range); std::less<> finds by string_view.
using FileTree = std::map<std::string, FinalNode, std::less<>>;

enum class HiddenHow { kOverwritten, kDeleted, kOpaqueDir };
const char* HiddenHowName(HiddenHow how);  // "overwritten", "deleted", "opaque-dir"

// Something a layer wrote that a later one made invisible.
struct HiddenEntry {
  std::string path;
  image::EntryType type = image::EntryType::kFile;
  uint64_t bytes = 0;    // file: its size. directory: sum of the hidden files beneath it
                         // (a summary: the files are listed too; sum only non-directories)
  int written_by = 0;    // layer index
  int hidden_by = 0;     // layer index (== written_by when a layer rewrote its own path)
  HiddenHow how = HiddenHow::kOverwritten;
  // A file of a lower layer overwritten by a file of the same size (> 0) and content (IM102);
  // then whether the new copy changed its permission bits or its owner.
  bool same_content = false;
  bool new_mode = false;
  bool new_owner = false;
};

struct ImageMetrics {
  uint64_t size = 0;             // sum of layer sizes
  uint64_t compressed_size = 0;  // sum of blob sizes
  uint64_t final_size = 0;       // regular files visible at the end (hard links once)
  uint64_t wasted = 0;           // size - final_size
  double efficiency = 1.0;       // final_size / size (1.0 for an empty image)
  int base_layers = 0;           // layers that belong to the base image
  uint64_t user_size = 0;        // the same figures for the layers above the base
  uint64_t user_wasted = 0;
  double user_wasted_percent = 0.0;  // 100 * user_wasted / user_size (0 when user_size is 0)
  uint64_t files = 0;            // regular files in the final filesystem
  bool has_shell = false;        // /bin/sh resolves to something in the final filesystem
};

struct ImageModel {
  std::string source;        // as the user named it
  std::string digest;        // manifest (or config) digest
  std::string os;
  std::string architecture;
  std::string variant;
  std::string config_json;   // the raw config (Env, Entrypoint, Cmd, User, WorkingDir, …)
  std::vector<std::string> repo_tags;
  std::vector<HistoryEntry> history;  // every entry, empty ones too; synthesised when absent
  std::vector<Layer> layers;          // bottom first
  FileTree filesystem;                // final tree by path ("/" excluded)
  std::vector<HiddenEntry> hidden;    // in the order they were hidden
  ImageMetrics metrics;
};

}  // namespace slimage::analysis
