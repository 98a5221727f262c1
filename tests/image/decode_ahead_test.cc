#include "image/decode_ahead.h"

#include <gtest/gtest.h>

#include <atomic>

#include "support/image_builder.h"

namespace slimage::image {
namespace {

using slimage::testing::Compress;
using slimage::testing::File;
using slimage::testing::MakeTar;

std::unique_ptr<Decompressor> Open(const std::string& blob) {
  auto decompressor = Decompressor::Create(MakeMemorySource(blob, "blob"), nullptr);
  EXPECT_TRUE(decompressor.ok());
  return std::move(decompressor).value();
}

Expected<std::string> ReadAll(DecodeAhead& decoded) {
  std::string out;
  while (true) {
    auto chunk = decoded.Next();
    if (!chunk) return chunk.error();
    if (chunk->empty()) return out;
    out.append(reinterpret_cast<const char*>(chunk->data()), chunk->size());
  }
}

// A blob that breaks after `good` bytes, as a connection that drops.
class BreakingStream final : public ByteStream {
 public:
  BreakingStream(std::string bytes, size_t good) : bytes_(std::move(bytes)), good_(good) {}
  Expected<size_t> Read(std::span<std::byte> buffer) override {
    if (offset_ >= good_) return MakeError("{}: connection reset", name_);
    size_t n = std::min({buffer.size(), good_ - offset_, size_t{1000}});
    std::memcpy(buffer.data(), bytes_.data() + offset_, n);
    offset_ += n;
    return n;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string bytes_;
  size_t good_;
  size_t offset_ = 0;
  std::string name_ = "blob";
};

std::string Noise(size_t size) {
  std::string out(size, '\0');
  uint32_t state = 12345;
  for (char& c : out) {
    state = state * 1103515245 + 12345;
    c = static_cast<char>(state >> 24);
  }
  return out;
}

TEST(DecodeAhead, HandsOverEveryByteInOrderWhateverTheChunkSize) {
  const std::vector<slimage::testing::TarItem> items{File("a", Noise(300000)), File("b", std::string(200000, 'b'))};
  const std::string plain = MakeTar(items);
  for (Compress compress : {Compress::kNone, Compress::kGzip, Compress::kZstd}) {
    for (size_t chunk : {size_t{1}, size_t{4096}, size_t{100003}, DecodeAhead::kChunkBytes}) {
      if (chunk == 1 && compress != Compress::kNone) continue;  // a byte at a time: too slow to inflate
      DecodeAhead decoded(Open(MakeTar(items, compress)), nullptr, chunk, 2);
      auto out = ReadAll(decoded);
      ASSERT_TRUE(out.ok()) << out.error().message;
      EXPECT_TRUE(*out == plain) << "chunk " << chunk;
    }
  }
}

TEST(DecodeAhead, TheObserverSeesEachChunkBeforeTheReader) {
  const std::string blob = MakeTar({File("a", Noise(500000))}, Compress::kGzip);
  std::atomic<uint64_t> observed{0};
  DecodeAhead decoded(Open(blob), [&](std::span<const std::byte> bytes) { observed += bytes.size(); }, 65536, 3);
  uint64_t read = 0;
  while (true) {
    auto chunk = decoded.Next();
    ASSERT_TRUE(chunk.ok());
    if (chunk->empty()) break;
    read += chunk->size();
    EXPECT_GE(observed.load(), read);  // observed on the decoding thread first
  }
  EXPECT_EQ(observed.load(), read);
  EXPECT_EQ(read, MakeTar({File("a", Noise(500000))}).size());
  EXPECT_EQ(decoded.blob_bytes(), blob.size());
}

// The chunks filled before the break come first, then the error (the part of a chunk the
// break cut short is not handed out: the layer is unreadable either way).
TEST(DecodeAhead, AnErrorArrivesAfterTheChunksBeforeIt) {
  const std::string plain = MakeTar({File("a", Noise(50000))});
  auto decompressor = Decompressor::Create(std::make_unique<BreakingStream>(plain, 20000), nullptr);
  ASSERT_TRUE(decompressor.ok());
  DecodeAhead decoded(std::move(*decompressor), nullptr, 4096, 2);
  uint64_t read = 0;
  while (true) {
    auto chunk = decoded.Next();
    if (!chunk) {
      EXPECT_EQ(chunk.error().message, "blob: connection reset");
      break;
    }
    ASSERT_FALSE(chunk->empty()) << "the end came before the error";
    read += chunk->size();
  }
  EXPECT_EQ(read, 4u * 4096u);  // 20,000 good bytes: four whole chunks
  EXPECT_FALSE(decoded.Next().ok());  // and stays an error
}

TEST(DecodeAhead, StoppingEarlyStopsTheDecodingThread) {
  // The reader gives up after one chunk (a bad tar header): the destructor must not wait for
  // the decoder to inflate the rest, nor hang on a full queue.
  const std::string blob = MakeTar({File("a", Noise(4u << 20))}, Compress::kGzip);
  for (int i = 0; i < 20; ++i) {
    DecodeAhead decoded(Open(blob), nullptr, 4096, 2);
    ASSERT_TRUE(decoded.Next().ok());
  }
}

TEST(DecodeAhead, ReadingPastTheEndGivesTheEndAgain) {
  DecodeAhead decoded(Open(MakeTar({File("a", "1")}, Compress::kZstd)));
  ASSERT_TRUE(ReadAll(decoded).ok());
  auto again = decoded.Next();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

}  // namespace
}  // namespace slimage::image
