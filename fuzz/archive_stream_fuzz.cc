// Fuzzes the one-pass reader of streamed `docker save` archives (what the Engine's
// /images/{name}/get sends): outer tar, member sniffing, metadata caps, layers read in
// passing, and the model built from them. A model or an error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/checks.h"
#include "analysis/image_model_builder.h"
#include "image/archive_stream.h"

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
  auto stream = image::MakeSourceStream(
      image::MakeMemorySource(std::string(reinterpret_cast<const char*>(data), size), "fuzz.tar"));
  image::OpenOptions open;
  open.max_metadata_bytes = 1u << 20;
  image::LayerReadOptions read;
  read.max_layer_size = 64u << 20;
  auto streamed = image::ReadArchiveStream(*stream, "docker://fuzz", open, read);
  if (!streamed) return 0;
  auto model = analysis::BuildImageModel(streamed->image, std::move(streamed->layers), {});
  if (!model) return 0;
  if (model->metrics.final_size + model->metrics.wasted != model->metrics.size) __builtin_trap();
  analysis::RunImageChecks(*model, {});  // the IM checks walk the model too
  return 0;
}
