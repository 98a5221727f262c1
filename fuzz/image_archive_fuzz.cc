// Fuzzes the whole image reader on an archive held in memory: the outer tar index, the
// manifest/index/config JSON, layer sniffing, gzip/zstd, libarchive and the layer model.
// Whatever the bytes, it must return a model or an error, within bounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/checks.h"
#include "analysis/image_model_builder.h"
#include "image/image_source.h"
#include "image/layer_reader.h"

#ifdef SLIMAGE_LIBFUZZER
#include "image_mutator.h"

// Mutations that keep tar checksums and sha256 digests valid, so that they reach the layers
// (fuzz/image_mutator.h). Replaying a corpus needs none of this.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  return slimage::fuzz::MutateImageArchive(data, size, max_size, seed, LLVMFuzzerMutate);
}
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace slimage;
  auto source = image::MakeMemorySource(std::string(reinterpret_cast<const char*>(data), size), "fuzz.tar");
  image::OpenOptions open;
  open.max_metadata_bytes = 1u << 20;
  auto loaded = image::OpenArchive(source, open);
  if (!loaded) return 0;
  image::LayerReadOptions read;
  read.max_layer_size = 64u << 20;  // a bomb stops here
  auto contents = image::ReadLayers(*loaded, read, 1);
  if (!contents) return 0;
  auto model = analysis::BuildImageModel(*loaded, std::move(*contents), {});
  if (!model) return 0;
  if (model->metrics.final_size + model->metrics.wasted != model->metrics.size) __builtin_trap();
  analysis::RunImageChecks(*model, {});  // the IM checks walk the model too
  return 0;
}
