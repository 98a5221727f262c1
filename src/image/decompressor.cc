#include "image/decompressor.h"

#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>

#include "image/isal_library.h"

namespace slimage::image {
namespace {

constexpr size_t kInputChunk = 1u << 20;
constexpr size_t kOutputChunk = 1u << 20;  // Next()'s buffer

// Pulls the blob in chunks, tells the observer about each and counts them. The first
// chunk is read early (to sniff the format) and handed out again by the first read.
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

  // The next chunk of blob bytes, in the reader's own buffer; empty at the end.
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

  // The next blob bytes read straight into `out` (a plain tar needs no copy); 0 at the end.
  Expected<size_t> ReadInto(std::span<std::byte> out) {
    size_t got = 0;
    if (primed_ > 0) {
      got = std::min(primed_, out.size());
      std::memcpy(out.data(), buffer_.data() + primed_offset_, got);
      primed_ -= got;
      primed_offset_ = primed_ == 0 ? 0 : primed_offset_ + got;
    } else {
      auto read = blob_->Read(out);
      if (!read) return read.error();
      got = *read;
      bytes_read_ += got;
    }
    if (observer_ && got > 0) observer_(out.first(got));
    return got;
  }
  const ByteStream& blob() const { return *blob_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::unique_ptr<ByteStream> blob_;
  Decompressor::BlobObserver observer_;
  std::vector<std::byte> buffer_;
  size_t primed_ = 0;
  size_t primed_offset_ = 0;  // ReadInto may hand the primed bytes out in parts
  uint64_t bytes_read_ = 0;
};

class PlainDecompressor final : public Decompressor {
 public:
  explicit PlainDecompressor(BlobReader reader) : reader_(std::move(reader)) {}
  Expected<size_t> Fill(std::span<std::byte> out) override {
    size_t filled = 0;
    while (filled < out.size()) {
      auto got = reader_.ReadInto(out.subspan(filled));
      if (!got) return got.error();
      if (*got == 0) break;
      filled += *got;
    }
    return filled;
  }
  Compression compression() const override { return Compression::kNone; }
  uint64_t blob_bytes() const override { return reader_.bytes_read(); }

 private:
  BlobReader reader_;
};

class GzipDecompressor final : public Decompressor {
 public:
  GzipDecompressor(const IsalLibrary& isal, BlobReader reader) : isal_(isal), reader_(std::move(reader)) {
    isal_.inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
  }
  Compression compression() const override { return Compression::kGzip; }
  uint64_t blob_bytes() const override { return reader_.bytes_read(); }

  Expected<size_t> Fill(std::span<std::byte> out) override {
    size_t filled = 0;
    while (filled < out.size() && !ended_) {
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
        if (state_.avail_in == 0 && input_done_) {
          ended_ = true;
          break;
        }
        if (state_.avail_in == 0) continue;
        if (state_.next_in[0] != 0x1f) {
          ended_ = true;
          break;
        }
        uint8_t* next_in = state_.next_in;
        uint32_t avail_in = state_.avail_in;
        isal_.inflate_reset(&state_);
        state_.crc_flag = ISAL_GZIP;
        state_.next_in = next_in;
        state_.avail_in = avail_in;
      }
      const size_t room = out.size() - filled;
      state_.next_out = reinterpret_cast<uint8_t*>(out.data() + filled);
      state_.avail_out = static_cast<uint32_t>(std::min<size_t>(room, UINT32_MAX));
      const uint32_t offered = state_.avail_out;
      int result = isal_.inflate(&state_);
      if (result != ISAL_DECOMP_OK) {
        return MakeError("{}: corrupt gzip data (igzip error {})", reader_.blob().name(), result);
      }
      const size_t produced = offered - state_.avail_out;
      filled += produced;
      if (produced == 0 && state_.block_state != ISAL_BLOCK_FINISH && state_.avail_in == 0 && input_done_) {
        return MakeError("{}: truncated gzip data", reader_.blob().name());
      }
    }
    return filled;
  }

 private:
  const IsalLibrary& isal_;
  BlobReader reader_;
  inflate_state state_{};
  std::span<const std::byte> input_;
  bool input_done_ = false;
  bool ended_ = false;
};

class ZstdDecompressor final : public Decompressor {
 public:
  explicit ZstdDecompressor(BlobReader reader) : reader_(std::move(reader)) {
    context_ = ZSTD_createDCtx();
    // Refuse absurd window sizes (memory stays bounded): 128 MiB.
    ZSTD_DCtx_setParameter(context_, ZSTD_d_windowLogMax, 27);
  }
  ~ZstdDecompressor() override { ZSTD_freeDCtx(context_); }
  ZstdDecompressor(const ZstdDecompressor&) = delete;
  ZstdDecompressor& operator=(const ZstdDecompressor&) = delete;
  Compression compression() const override { return Compression::kZstd; }
  uint64_t blob_bytes() const override { return reader_.bytes_read(); }

  Expected<size_t> Fill(std::span<std::byte> out) override {
    size_t filled = 0;
    while (filled < out.size()) {
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
        break;
      }
      ZSTD_outBuffer buffer{out.data() + filled, out.size() - filled, 0};
      size_t result = ZSTD_decompressStream(context_, &buffer, &input_);
      if (ZSTD_isError(result)) {
        return MakeError("{}: corrupt zstd data ({})", reader_.blob().name(), ZSTD_getErrorName(result));
      }
      frame_done_ = result == 0;
      output_was_full_ = buffer.pos == buffer.size;  // more may be buffered inside zstd
      filled += buffer.pos;
    }
    return filled;
  }

 private:
  BlobReader reader_;
  ZSTD_DCtx* context_ = nullptr;
  ZSTD_inBuffer input_{nullptr, 0, 0};
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

Expected<std::span<const std::byte>> Decompressor::Next() {
  if (next_buffer_.empty()) next_buffer_.resize(kOutputChunk);
  auto got = Fill(next_buffer_);
  if (!got) return got.error();
  return std::span<const std::byte>(next_buffer_.data(), *got);
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
