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
  // Writes the next tar bytes into `out`, filling it unless the stream ends first; 0 at the end.
  virtual Expected<size_t> Fill(std::span<std::byte> out) = 0;
  // The next chunk of tar bytes (Fill into a buffer of its own); an empty span at the end.
  // Valid until the next call.
  Expected<std::span<const std::byte>> Next();
  virtual Compression compression() const = 0;
  // Blob bytes read so far (all of them once Next() returned the end).
  virtual uint64_t blob_bytes() const = 0;

 private:
  std::vector<std::byte> next_buffer_;  // Next()'s chunk
};

}  // namespace slimage::image
