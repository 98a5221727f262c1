#include "analysis/image_model_builder.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "analysis/base_image.h"
#include "analysis/layer_applier.h"
#include "image/engine_source.h"

namespace slimage::analysis {
namespace {

using nlohmann::json;

std::string StringField(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// History entries with empty_layer get no layer; the others take the layers in order.
// Layers left over (or no history at all) get entries of their own.
std::vector<HistoryEntry> MapHistory(const json& config, std::vector<Layer>& layers) {
  std::vector<HistoryEntry> history;
  size_t next_layer = 0;
  if (config.is_object() && config.contains("history") && config["history"].is_array()) {
    for (const auto& item : config["history"]) {
      HistoryEntry entry;
      entry.created_by = StringField(item, "created_by");
      entry.created = StringField(item, "created");
      entry.comment = StringField(item, "comment");
      entry.empty_layer = item.is_object() && item.contains("empty_layer") && item["empty_layer"].is_boolean() &&
                          item["empty_layer"].get<bool>();
      if (!entry.empty_layer && next_layer < layers.size()) {
        entry.layer = static_cast<int>(next_layer);
        layers[next_layer].history_index = static_cast<int>(history.size());
        ++next_layer;
      }
      history.push_back(std::move(entry));
    }
  }
  for (; next_layer < layers.size(); ++next_layer) {
    HistoryEntry entry;
    entry.layer = static_cast<int>(next_layer);
    layers[next_layer].history_index = static_cast<int>(history.size());
    history.push_back(std::move(entry));
  }
  return history;
}

// Follows symlinks and hard links in the final tree; true when `path` ends at something.
bool Resolves(const std::map<std::string, FinalNode>& filesystem, std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    auto it = filesystem.find(path);
    if (it == filesystem.end()) return false;
    const image::LayerEntry& entry = it->second.entry;
    if (entry.type == image::EntryType::kHardlink) {
      path = entry.link_target;
      continue;
    }
    if (entry.type != image::EntryType::kSymlink) return true;
    std::string target = entry.link_target;
    if (target.empty()) return false;
    if (target[0] != '/') target = path.substr(0, path.rfind('/') + 1) + target;
    // ".." above "/" stays at "/" for a symlink, as in the kernel.
    std::vector<std::string> parts;
    size_t pos = 0;
    while (pos <= target.size()) {
      size_t slash = target.find('/', pos);
      if (slash == std::string::npos) slash = target.size();
      std::string part = target.substr(pos, slash - pos);
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      pos = slash + 1;
    }
    path.clear();
    for (const auto& part : parts) path += "/" + part;
    if (path.empty()) return true;  // the root
  }
  return false;
}

void ComputeMetrics(ImageModel& model, std::optional<int> base_layers_override) {
  ImageMetrics& metrics = model.metrics;
  for (const Layer& layer : model.layers) {
    metrics.size += layer.stats.size;
    metrics.compressed_size += layer.stats.compressed_size;
  }
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type == image::EntryType::kFile) {
      metrics.final_size += node.entry.size;
      ++metrics.files;
    }
  }
  metrics.wasted = metrics.size - metrics.final_size;
  metrics.efficiency = metrics.size == 0 ? 1.0
                                         : static_cast<double>(metrics.final_size) / static_cast<double>(metrics.size);
  int layer_count = static_cast<int>(model.layers.size());
  int base = base_layers_override ? *base_layers_override : BaseLayerCountFromHistory(model.history);
  metrics.base_layers = std::clamp(base, 0, layer_count);
  for (int i = metrics.base_layers; i < layer_count; ++i) {
    metrics.user_size += model.layers[static_cast<size_t>(i)].stats.size;
    metrics.user_wasted += model.layers[static_cast<size_t>(i)].stats.wasted;
  }
  metrics.user_wasted_percent = metrics.user_size == 0 ? 0.0
      : 100.0 * static_cast<double>(metrics.user_wasted) / static_cast<double>(metrics.user_size);
  metrics.has_shell = Resolves(model.filesystem, "/bin/sh");
}

}  // namespace

Expected<ImageModel> BuildImageModel(const image::LoadedImage& image, std::vector<image::LayerContents> contents,
                                     const ModelOptions& options) {
  if (contents.size() != image.layers.size()) {
    return MakeError("{}: internal error: {} layers read for {} in the manifest", image.source, contents.size(),
                     image.layers.size());
  }
  ImageModel model;
  model.source = image.source;
  model.digest = image.digest;
  model.config_json = image.config_json;
  model.repo_tags = image.repo_tags;
  json config = json::parse(image.config_json, nullptr, false);
  model.os = StringField(config, "os");
  model.architecture = StringField(config, "architecture");
  model.variant = StringField(config, "variant");

  model.layers.resize(contents.size());
  for (size_t i = 0; i < contents.size(); ++i) {
    Layer& layer = model.layers[i];
    layer.digest = !image.layers[i].digest.empty() ? image.layers[i].digest : contents[i].blob_digest;
    layer.diff_id = !image.layers[i].diff_id.empty() ? image.layers[i].diff_id : contents[i].diff_id;
    layer.stats.compressed_size = contents[i].compressed_size;
    layer.entries = std::move(contents[i].entries);
  }
  model.history = MapHistory(config, model.layers);

  LayerApplier applier;
  for (size_t i = 0; i < model.layers.size(); ++i) {
    applier.Apply(static_cast<int>(i), model.layers[i].entries, model.layers[i].stats);
  }
  model.filesystem = std::move(applier.filesystem());
  model.hidden = std::move(applier.hidden());
  for (const HiddenEntry& hidden : model.hidden) {
    if (hidden.type == image::EntryType::kDirectory) continue;  // summaries; their files are listed
    model.layers[static_cast<size_t>(hidden.written_by)].stats.wasted += hidden.bytes;
  }
  ComputeMetrics(model, options.base_layers);
  return model;
}

Expected<ImageModel> LoadImageModel(const std::string& image, const AnalyzeOptions& options) {
  if (image::IsEngineReference(image)) {
    auto streamed = image::ReadEngineImage(image, options.open, options.read);
    if (!streamed) return streamed.error();
    return BuildImageModel(streamed->image, std::move(streamed->layers), options.model);
  }
  auto loaded = image::OpenImage(image, options.open);
  if (!loaded) return loaded.error();
  auto contents = image::ReadLayers(*loaded, options.read, options.threads);
  if (!contents) return contents.error();
  return BuildImageModel(*loaded, std::move(*contents), options.model);
}

Expected<ImageModel> LoadImageMetadataModel(const std::string& image, const AnalyzeOptions& options) {
  if (image::IsEngineReference(image)) {
    return MakeError("{}: --no-layers reads archives, layouts and registry:// images; the Docker Engine only "
                     "sends whole images", image);
  }
  auto loaded = image::OpenImage(image, options.open);
  if (!loaded) return loaded.error();
  std::vector<image::LayerContents> contents(loaded->layers.size());
  for (size_t i = 0; i < contents.size(); ++i) {
    const image::LayerDescriptor& layer = loaded->layers[i];
    if (layer.declared_size) {
      contents[i].compressed_size = *layer.declared_size;
    } else if (layer.blob) {
      contents[i].compressed_size = layer.blob->size();
    }
  }
  return BuildImageModel(*loaded, std::move(contents), options.model);
}

}  // namespace slimage::analysis
