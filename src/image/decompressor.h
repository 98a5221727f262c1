// Turns a layer blob into its tar bytes, chunk by chunk: plain, gzip (isa-l igzip) or
// zstd, sniffed from the first bytes. Memory stays bounded whatever the ratio.
#pragma once

#include <cstddef>
#include <functional>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "image/byte_source.h"
#include "image/byte_stream.h"
#include "image/layer_reader.h"
#include "util/expected.h"

namespace slimage::image {

class Decompressor {
 public:
  // Observes every blob byte read (for the blob digest); may be empty.
  using BlobObserver = std::function<void(std::span<const std::byte>)>;
  // Reads the first bytes of `blob` to sniff its format.
  static Expected<std::unique_ptr<Decompressor>> Create(std::unique_ptr<ByteStream> blob, BlobObserver observer);
  static Expected<std::unique_ptr<Decompressor>> Create(std::shared_ptr<const ByteSource> blob, BlobObserver observer);
  virtual ~Decompressor() = default;
  // The next chunk of tar bytes; an empty span at the end. Valid until the next call.
  virtual Expected<std::span<const std::byte>> Next() = 0;
  virtual Compression compression() const = 0;
  // Blob bytes read so far (all of them once Next() returned the end).
  virtual uint64_t blob_bytes() const = 0;
};

}  // namespace slimage::image
