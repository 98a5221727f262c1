// Applies the layers in order (OCI whiteouts, opaque directories, file/dir replacement,
// links) and fills the model, its per-layer stats and metrics.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "analysis/image_model.h"
#include "image/image_source.h"
#include "image/layer_reader.h"
#include "util/expected.h"

namespace slimage::analysis {

struct ModelOptions {
  std::optional<int> base_layers;  // --base-layers N (filesystem layers); nullopt = from history
};

class LayerApplier;

// Builds the model layer by layer, bottom first, so that layers can be applied while later
// ones are still being read.
class ModelAssembler {
 public:
  ModelAssembler(const image::LoadedImage& image, const ModelOptions& options);
  ~ModelAssembler();
  ModelAssembler(const ModelAssembler&) = delete;
  ModelAssembler& operator=(const ModelAssembler&) = delete;
  // Layers must come in order: 0, 1, 2...
  Expected<void> AddLayer(size_t index, image::LayerContents contents);
  // Whiteout accounting and metrics, once every layer is in.
  Expected<ImageModel> Finish();

 private:
  ModelOptions options_;
  ImageModel model_;
  std::unique_ptr<LayerApplier> applier_;
  size_t added_ = 0;
};

// `contents` are the layers of `image` as ReadLayers returned them (same order).
Expected<ImageModel> BuildImageModel(const image::LoadedImage& image,
                                     std::vector<image::LayerContents> contents,
                                     const ModelOptions& options);

// Convenience for the CLI and tests: open, read every layer, build.
struct AnalyzeOptions {
  image::OpenOptions open;
  image::LayerReadOptions read;
  ModelOptions model;
  unsigned threads = 2;
};
Expected<ImageModel> LoadImageModel(const std::string& image, const AnalyzeOptions& options);
// A docker save archive arriving as a stream (stdin, a builder's export), read in one pass;
// `name` labels errors.
Expected<ImageModel> LoadStreamedImageModel(image::ByteStream& archive, const std::string& name,
                                            const AnalyzeOptions& options);
// Metadata only (`history --no-layers`): the manifest and config, no layer read. Each layer's
// compressed size is the manifest's (or the blob's size in an archive); entries, sizes and
// file counts stay empty. docker:// images are refused: the Engine only sends whole images.
Expected<ImageModel> LoadImageMetadataModel(const std::string& image, const AnalyzeOptions& options);

}  // namespace slimage::analysis
