#include "analysis/image_model_builder.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "analysis/base_image.h"
#include "analysis/check_support.h"
#include "analysis/layer_applier.h"
#include "image/archive_stream.h"
#include "image/engine_source.h"
#include "util/json_field.h"

namespace slimage::analysis {
namespace {

using nlohmann::json;

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
  // every component resolved, so /bin -> usr/bin (merged /usr, Debian 12 and later) counts
  const std::optional<FilesystemView::Found> shell = FilesystemView(model).Resolve("/bin/sh");
  metrics.has_shell = shell.has_value() && shell->node != nullptr;
}

}  // namespace

ModelAssembler::ModelAssembler(const image::LoadedImage& image, const ModelOptions& options)
    : options_(options), applier_(std::make_unique<LayerApplier>()) {
  model_.source = image.source;
  model_.digest = image.digest;
  model_.config_json = image.config_json;
  model_.repo_tags = image.repo_tags;
  json config = json::parse(image.config_json, nullptr, false);
  model_.os = StringField(config, "os");
  model_.architecture = StringField(config, "architecture");
  model_.variant = StringField(config, "variant");
  model_.layers.resize(image.layers.size());
  for (size_t i = 0; i < image.layers.size(); ++i) {
    model_.layers[i].digest = image.layers[i].digest;
    model_.layers[i].diff_id = image.layers[i].diff_id;
  }
  model_.history = MapHistory(config, model_.layers);
}

ModelAssembler::~ModelAssembler() = default;

Expected<void> ModelAssembler::AddLayer(size_t index, image::LayerContents contents) {
  if (index != added_ || index >= model_.layers.size()) {
    return MakeError("{}: internal error: layer {} added out of order", model_.source, index);
  }
  Layer& layer = model_.layers[index];
  if (layer.digest.empty()) layer.digest = contents.blob_digest;
  if (layer.diff_id.empty()) layer.diff_id = contents.diff_id;
  layer.stats.compressed_size = contents.compressed_size;
  // The entries move into the tree: the model keeps each once, in its final place.
  applier_->Apply(static_cast<int>(index), std::move(contents.entries), layer.stats);
  ++added_;
  return {};
}

Expected<ImageModel> ModelAssembler::Finish() {
  if (added_ != model_.layers.size()) {
    return MakeError("{}: internal error: {} layers read for {} in the manifest", model_.source, added_,
                     model_.layers.size());
  }
  model_.filesystem = std::move(applier_->filesystem());
  model_.hidden = std::move(applier_->hidden());
  for (const HiddenEntry& hidden : model_.hidden) {
    if (hidden.type == image::EntryType::kDirectory) continue;  // summaries; their files are listed
    model_.layers[static_cast<size_t>(hidden.written_by)].stats.wasted += hidden.bytes;
  }
  ComputeMetrics(model_, options_.base_layers);
  return std::move(model_);
}

Expected<ImageModel> BuildImageModel(const image::LoadedImage& image, std::vector<image::LayerContents> contents,
                                     const ModelOptions& options) {
  if (contents.size() != image.layers.size()) {
    return MakeError("{}: internal error: {} layers read for {} in the manifest", image.source, contents.size(),
                     image.layers.size());
  }
  ModelAssembler assembler(image, options);
  for (size_t i = 0; i < contents.size(); ++i) {
    if (auto added = assembler.AddLayer(i, std::move(contents[i])); !added) return added.error();
  }
  return assembler.Finish();
}

Expected<ImageModel> LoadStreamedImageModel(image::ByteStream& archive, const std::string& name,
                                            const AnalyzeOptions& options) {
  auto streamed = image::ReadArchiveStream(archive, name, options.open, options.read);
  if (!streamed) return streamed.error();
  return BuildImageModel(streamed->image, std::move(streamed->layers), options.model);
}

Expected<ImageModel> LoadImageModel(const std::string& image, const AnalyzeOptions& options) {
  auto from_stream = [&](Expected<image::StreamedImage> streamed) -> Expected<ImageModel> {
    if (!streamed) return streamed.error();
    return BuildImageModel(streamed->image, std::move(streamed->layers), options.model);
  };
  if (image == "-") {  // a docker save archive piped in
    auto input = image::MakeFdStream(0, "stdin");
    return LoadStreamedImageModel(*input, "-", options);
  }
  if (image::IsEngineReference(image)) return from_stream(image::ReadEngineImage(image, options.open, options.read));
  auto loaded = image::OpenImage(image, options.open);
  if (!loaded) return loaded.error();
  // Each layer is applied as soon as it and those below it are read, while the other
  // threads go on inflating: the model is ready shortly after the last layer is.
  ModelAssembler assembler(*loaded, options.model);
  auto read = image::ReadLayersInOrder(*loaded, options.read, options.threads,
                                       [&](size_t index, image::LayerContents contents) {
                                         return assembler.AddLayer(index, std::move(contents));
                                       });
  if (!read) return read.error();
  return assembler.Finish();
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
