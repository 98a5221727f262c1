#include "image/decode_ahead.h"

namespace slimage::image {

DecodeAhead::DecodeAhead(std::unique_ptr<Decompressor> decompressor, ChunkObserver observer, size_t chunk_bytes,
                         size_t depth)
    : decompressor_(std::move(decompressor)), observer_(std::move(observer)) {
  depth = std::max<size_t>(depth, 2);  // one being read, one being decoded
  buffers_.resize(depth);
  for (size_t i = 0; i < depth; ++i) {
    buffers_[i].resize(std::max<size_t>(chunk_bytes, 1));
    free_.push_back(i);
  }
  thread_ = std::thread([this] { Decode(); });
}

DecodeAhead::~DecodeAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void DecodeAhead::Decode() {
  while (true) {
    size_t buffer = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return cancelled_ || !free_.empty(); });
      if (cancelled_) break;
      buffer = free_.front();
      free_.pop_front();
    }
    // The decompressor is this thread's alone until it finishes.
    Expected<size_t> got = decompressor_->Fill(buffers_[buffer]);
    if (got && *got > 0 && observer_) observer_(std::span<const std::byte>(buffers_[buffer].data(), *got));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!got) {
        error_ = got.error();
      } else {
        filled_.push_back({buffer, *got});
      }
    }
    changed_.notify_all();
    if (!got || *got == 0) break;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  finished_ = true;
  changed_.notify_all();
}

Expected<std::span<const std::byte>> DecodeAhead::Next() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (held_) {
    free_.push_back(*held_);
    held_.reset();
    changed_.notify_all();
  }
  changed_.wait(lock, [this] { return !filled_.empty() || finished_; });
  if (filled_.empty()) {
    if (error_) return *error_;
    return std::span<const std::byte>();  // read past the end again
  }
  Filled next = filled_.front();
  filled_.pop_front();
  if (next.size == 0) {
    free_.push_back(next.buffer);
    return std::span<const std::byte>();
  }
  held_ = next.buffer;
  return std::span<const std::byte>(buffers_[next.buffer].data(), next.size);
}

uint64_t DecodeAhead::blob_bytes() const {
  // Safe once the decoder has stopped: Next() saw `finished_` or the end under the mutex.
  return decompressor_->blob_bytes();
}

}  // namespace slimage::image
