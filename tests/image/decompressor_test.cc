#include "image/decompressor.h"

#include <gtest/gtest.h>

#include "support/image_builder.h"

namespace slimage::image {
namespace {

Expected<std::string> Inflate(const std::string& blob) {
  auto decompressor = Decompressor::Create(MakeMemorySource(blob, "blob"), nullptr);
  if (!decompressor) return decompressor.error();
  std::string out;
  while (true) {
    auto chunk = (*decompressor)->Next();
    if (!chunk) return chunk.error();
    if (chunk->empty()) return out;
    out.append(reinterpret_cast<const char*>(chunk->data()), chunk->size());
  }
}

TEST(Decompressor, SniffsWhateverTheNameSays) {
  std::vector<testing::TarItem> items{testing::File("a", std::string(3u << 20, 'a'))};
  std::string plain = testing::MakeTar(items);
  for (auto compress : {testing::Compress::kNone, testing::Compress::kGzip, testing::Compress::kZstd}) {
    auto out = Inflate(testing::MakeTar(items, compress));
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(*out == plain);
  }
}

TEST(Decompressor, ConcatenatedGzipMembersAreOneStream) {
  std::string first = testing::MakeTar({testing::File("a", "1")}, testing::Compress::kGzip);
  std::string second = testing::MakeTar({testing::File("b", "2")}, testing::Compress::kGzip);
  auto out = Inflate(first + second);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, testing::MakeTar({testing::File("a", "1")}) + testing::MakeTar({testing::File("b", "2")}));
}

TEST(Decompressor, TruncatedStreamsAreErrors) {
  std::string gzip = testing::MakeTar({testing::File("a", std::string(50000, 'x'))}, testing::Compress::kGzip);
  auto out = Inflate(gzip.substr(0, gzip.size() - 10));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message, "blob: truncated gzip data");
  std::string zstd = testing::MakeTar({testing::File("a", std::string(50000, 'x'))}, testing::Compress::kZstd);
  auto zout = Inflate(zstd.substr(0, zstd.size() - 3));
  ASSERT_FALSE(zout.ok());
  EXPECT_EQ(zout.error().message, "blob: truncated zstd data");
}

TEST(Decompressor, FillFillsTheBufferUnlessTheStreamEnds) {
  std::string first = testing::MakeTar({testing::File("a", std::string(70000, 'a'))}, testing::Compress::kGzip);
  std::string second = testing::MakeTar({testing::File("b", std::string(30000, 'b'))}, testing::Compress::kGzip);
  const std::string plain = testing::MakeTar({testing::File("a", std::string(70000, 'a'))}) +
                            testing::MakeTar({testing::File("b", std::string(30000, 'b'))});
  for (const std::string& blob : {first + second, plain}) {
    auto decompressor = Decompressor::Create(MakeMemorySource(blob, "blob"), nullptr);
    ASSERT_TRUE(decompressor.ok());
    std::string out;
    std::vector<std::byte> buffer(7777);
    while (true) {
      auto got = (*decompressor)->Fill(buffer);
      ASSERT_TRUE(got.ok()) << got.error().message;
      if (*got == 0) break;
      out.append(reinterpret_cast<const char*>(buffer.data()), *got);
      if (out.size() < plain.size()) {
        EXPECT_EQ(*got, buffer.size()) << "a short fill before the end";
      }
    }
    EXPECT_TRUE(out == plain);
    EXPECT_EQ((*decompressor)->blob_bytes(), blob.size());
  }
}

}  // namespace
}  // namespace slimage::image
