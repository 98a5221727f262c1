// Runs a layer's Decompressor on a thread of its own, a few chunks ahead of the reader, so
// that inflating a layer overlaps with hashing and tar-parsing it: two cores stay busy even
// on an image of one big layer, or while the last layer is the only one left. Chunks are
// handed over in place (the decompressor writes into the buffer the reader then reads).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "image/decompressor.h"
#include "util/expected.h"

namespace slimage::image {

class DecodeAhead {
 public:
  // Sees every decoded chunk on the decoding thread, before the reader gets it (a plain
  // tar's digest is computed there: that thread has nothing else to do). May be empty.
  using ChunkObserver = std::function<void(std::span<const std::byte>)>;
  static constexpr size_t kChunkBytes = 256u << 10;  // fits in L2 while it is hashed and parsed
  static constexpr size_t kDepth = 6;               // chunks decoded ahead at most

  explicit DecodeAhead(std::unique_ptr<Decompressor> decompressor, ChunkObserver observer = nullptr,
                       size_t chunk_bytes = kChunkBytes, size_t depth = kDepth);
  ~DecodeAhead();  // stops the decoding thread, wherever it is
  DecodeAhead(const DecodeAhead&) = delete;
  DecodeAhead& operator=(const DecodeAhead&) = delete;

  // The next chunk of tar bytes, in order; an empty span at the end. Valid until the next
  // call. A decoding error arrives in its place in the stream.
  Expected<std::span<const std::byte>> Next();
  // The decompressor's blob bytes; call after Next() returned the end or an error.
  uint64_t blob_bytes() const;

 private:
  void Decode();

  struct Filled {
    size_t buffer = 0;
    size_t size = 0;  // 0: the end
  };
  std::unique_ptr<Decompressor> decompressor_;
  ChunkObserver observer_;
  std::vector<std::vector<std::byte>> buffers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<size_t> free_;     // buffers the decoder may fill
  std::deque<Filled> filled_;   // decoded, in order, not yet read
  std::optional<Error> error_;  // the decoder stopped on this (after the filled chunks)
  std::optional<size_t> held_;  // the buffer the reader has now
  bool finished_ = false;       // the decoder has stopped (end or error)
  bool cancelled_ = false;
  std::thread thread_;
};

}  // namespace slimage::image
