#include "image/decompressor.h"

#include <zstd.h>

#include <array>
#include <cstring>
#include <functional>

#include "image/isal_library.h"

namespace slimage::image {
namespace {

constexpr size_t kInputChunk = 1u << 20;
constexpr size_t kOutputChunk = 1u << 20;

// Pulls the blob in chunks, tells the observer about each and counts them. The first
// chunk is read early (to sniff the format) and handed out again by the first Next().
class BlobReader {
 public:
  BlobReader(std::unique_ptr<ByteStream> blob, Decompressor::BlobObserver observer)
      : blob_(std::move(blob)), observer_(std::move(observer)), buffer_(kInputChunk) {}

  // Reads until at least 4 bytes (a magic number) are buffered or the blob ends.
  Expected<std::span<const std::byte>> Prime() {
    while (primed_ < 4) {
      auto got = blob_->Read(std::span<std::byte>(buffer_).subspan(primed_));
      if (!got) return got.error();
      if (*got == 0) break;
      primed_ += *got;
    }
    bytes_read_ = primed_;
    return std::span<const std::byte>(buffer_.data(), primed_);
  }

  // The next chunk of blob bytes; empty at the end.
  Expected<std::span<const std::byte>> Next() {
    std::span<const std::byte> chunk;
    if (primed_ > 0) {
      chunk = std::span<const std::byte>(buffer_.data(), primed_);
      primed_ = 0;
    } else {
      auto got = blob_->Read(buffer_);
      if (!got) return got.error();
      bytes_read_ += *got;
      chunk = std::span<const std::byte>(buffer_.data(), *got);
    }
    if (observer_ && !chunk.empty()) observer_(chunk);
    return chunk;
  }
  const ByteStream& blob() const { return *blob_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::unique_ptr<ByteStream> blob_;
  Decompressor::BlobObserver observer_;
  std::vector<std::byte> buffer_;
  size_t primed_ = 0;
  uint64_t bytes_read_ = 0;
};

class PlainDecompressor final : public Decompressor {
 public:
  explicit PlainDecompressor(BlobReader reader) : reader_(std::move(reader)) {}
  Expected<std::span<const std::byte>> Next() override { return reader_.Next(); }
  Compression compression() const override { return Compression::kNone; }
  uint64_t blob_bytes() const override { return reader_.bytes_read(); }

 private:
  BlobReader reader_;
};

class GzipDecompressor final : public Decompressor {
 public:
  GzipDecompressor(const IsalLibrary& isal, BlobReader reader)
      : isal_(isal), reader_(std::move(reader)), output_(kOutputChunk) {
    isal_.inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
  }
  Compression compression() const override { return Compression::kGzip; }
  uint64_t blob_bytes() const override { return reader_.bytes_read(); }

  Expected<std::span<const std::byte>> Next() override {
    while (true) {
      if (state_.avail_in == 0 && !input_done_) {
        auto chunk = reader_.Next();
        if (!chunk) return chunk.error();
        if (chunk->empty()) {
          input_done_ = true;
        } else {
          input_ = *chunk;
          state_.next_in = const_cast<uint8_t*>(reinterpret_cast<const uint8_t*>(input_.data()));
          state_.avail_in = static_cast<uint32_t>(input_.size());
        }
      }
      if (state_.block_state == ISAL_BLOCK_FINISH) {
        // Concatenated gzip members are one stream; anything else after the end is ignored.
        if (state_.avail_in == 0 && input_done_) return std::span<const std::byte>();
        if (state_.avail_in == 0) continue;
        if (state_.next_in[0] != 0x1f) return std::span<const std::byte>();
        uint8_t* next_in = state_.next_in;
        uint32_t avail_in = state_.avail_in;
        isal_.inflate_reset(&state_);
        state_.crc_flag = ISAL_GZIP;
        state_.next_in = next_in;
        state_.avail_in = avail_in;
      }
      state_.next_out = reinterpret_cast<uint8_t*>(output_.data());
      state_.avail_out = static_cast<uint32_t>(output_.size());
      int result = isal_.inflate(&state_);
      if (result != ISAL_DECOMP_OK) {
        return MakeError("{}: corrupt gzip data (igzip error {})", reader_.blob().name(), result);
      }
      size_t produced = output_.size() - state_.avail_out;
      if (produced > 0) return std::span<const std::byte>(output_.data(), produced);
      if (state_.block_state != ISAL_BLOCK_FINISH && state_.avail_in == 0 && input_done_) {
        return MakeError("{}: truncated gzip data", reader_.blob().name());
      }
    }
  }

 private:
  const IsalLibrary& isal_;
  BlobReader reader_;
  inflate_state state_{};
  std::span<const std::byte> input_;
  std::vector<std::byte> output_;
  bool input_done_ = false;
};

class ZstdDecompressor final : public Decompressor {
 public:
  explicit ZstdDecompressor(BlobReader reader) : reader_(std::move(reader)), output_(kOutputChunk) {
    context_ = ZSTD_createDCtx();
    // Refuse absurd window sizes (memory stays bounded): 128 MiB.
    ZSTD_DCtx_setParameter(context_, ZSTD_d_windowLogMax, 27);
  }
  ~ZstdDecompressor() override { ZSTD_freeDCtx(context_); }
  ZstdDecompressor(const ZstdDecompressor&) = delete;
  ZstdDecompressor& operator=(const ZstdDecompressor&) = delete;
  Compression compression() const override { return Compression::kZstd; }
  uint64_t blob_bytes() const override { return reader_.bytes_read(); }

  Expected<std::span<const std::byte>> Next() override {
    while (true) {
      if (input_.pos == input_.size && !input_done_) {
        auto chunk = reader_.Next();
        if (!chunk) return chunk.error();
        if (chunk->empty()) {
          input_done_ = true;
        } else {
          input_ = ZSTD_inBuffer{chunk->data(), chunk->size(), 0};
        }
      }
      if (input_.pos == input_.size && input_done_ && !output_was_full_) {
        if (!frame_done_) return MakeError("{}: truncated zstd data", reader_.blob().name());
        return std::span<const std::byte>();
      }
      ZSTD_outBuffer out{output_.data(), output_.size(), 0};
      size_t result = ZSTD_decompressStream(context_, &out, &input_);
      if (ZSTD_isError(result)) {
        return MakeError("{}: corrupt zstd data ({})", reader_.blob().name(), ZSTD_getErrorName(result));
      }
      frame_done_ = result == 0;
      output_was_full_ = out.pos == out.size;  // more may be buffered inside zstd
      if (out.pos > 0) return std::span<const std::byte>(output_.data(), out.pos);
    }
  }

 private:
  BlobReader reader_;
  ZSTD_DCtx* context_ = nullptr;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  std::vector<std::byte> output_;
  bool input_done_ = false;
  bool frame_done_ = true;
  bool output_was_full_ = false;
};

}  // namespace

Compression SniffCompression(std::span<const std::byte> first_bytes) {
  auto byte = [&](size_t i) { return std::to_integer<unsigned>(first_bytes[i]); };
  if (first_bytes.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) return Compression::kGzip;
  if (first_bytes.size() >= 4 && byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

Expected<std::unique_ptr<Decompressor>> Decompressor::Create(std::unique_ptr<ByteStream> blob,
                                                             BlobObserver observer) {
  BlobReader reader(std::move(blob), std::move(observer));
  auto first = reader.Prime();
  if (!first) return first.error();
  switch (SniffCompression(*first)) {
    case Compression::kGzip: {
      auto isal = LoadIsal();
      if (!isal) return isal.error();
      return std::unique_ptr<Decompressor>(std::make_unique<GzipDecompressor>(**isal, std::move(reader)));
    }
    case Compression::kZstd: return std::unique_ptr<Decompressor>(std::make_unique<ZstdDecompressor>(std::move(reader)));
    case Compression::kNone: break;
  }
  return std::unique_ptr<Decompressor>(std::make_unique<PlainDecompressor>(std::move(reader)));
}

Expected<std::unique_ptr<Decompressor>> Decompressor::Create(std::shared_ptr<const ByteSource> blob,
                                                             BlobObserver observer) {
  return Create(MakeSourceStream(std::move(blob)), std::move(observer));
}

}  // namespace slimage::image
