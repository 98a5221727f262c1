// Reads one layer blob once, streaming: sniffs plain tar / gzip / zstd from the bytes,
// lists the tar's entries (hashing regular files as they pass) and checks the blob digest
// and the diff_id when the source names them. The file bytes are never kept.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "image/image_source.h"
#include "image/layer_entry.h"
#include "util/expected.h"

namespace slimage::image {

enum class Compression { kNone, kGzip, kZstd };

Compression SniffCompression(std::span<const std::byte> first_bytes);

struct LayerReadOptions {
  uint64_t max_layer_size = 0;  // cap on the uncompressed tar bytes; 0 = no cap
  bool verify_digests = true;
  bool scan_elf = true;         // fill LayerEntry::elf for ELF files
  bool keep_package_databases = false;  // keep the bytes of IsPackageDatabase files (diff)
  size_t max_entries = 4'000'000;  // per layer: memory grows with entries, so they are capped
};

struct LayerContents {
  std::vector<LayerEntry> entries;  // in tar order, whiteouts included
  uint64_t compressed_size = 0;     // blob bytes
  uint64_t uncompressed_size = 0;   // tar bytes
  Compression compression = Compression::kNone;
  std::string blob_digest;          // "sha256:…" over the blob: computed when the source names
                                    // one (and checked), or the blob is plain tar; else ""
  std::string diff_id;              // "sha256:…" computed over the tar
};

// `label` names the layer in errors ("image.tar: layer 3 (sha256:…)").
Expected<LayerContents> ReadLayer(const LayerDescriptor& layer, const std::string& label,
                                  const LayerReadOptions& options);

// Receives each layer in order (0, 1, 2...) as soon as it and every layer below it are read;
// called from a reader thread, never twice at once. An error stops the reading.
using LayerSink = std::function<Expected<void>(size_t index, LayerContents contents)>;

// Reads every layer, `threads` at a time, handing them to `sink` in order. First error wins
// (lowest index).
Expected<void> ReadLayersInOrder(const LoadedImage& image, const LayerReadOptions& options, unsigned threads,
                                 const LayerSink& sink);

// Reads every layer, `threads` at a time; results in layer order. First error wins (lowest index).
Expected<std::vector<LayerContents>> ReadLayers(const LoadedImage& image, const LayerReadOptions& options,
                                                unsigned threads = 2);

}  // namespace slimage::image
