// A `docker save` archive read as a stream gives exactly what the indexed reader gives.
#include "image/archive_stream.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/run_cli.h"

namespace slimage::image {
namespace {

using slimage::testing::SharedPath;

class ArchiveStreamMatchesIndexed : public ::testing::TestWithParam<const char*> {};

TEST_P(ArchiveStreamMatchesIndexed, SameLayersDigestsAndEntries) {
  std::string path = SharedPath(std::string("images/") + GetParam());
  auto file = OpenFileSource(path);
  ASSERT_TRUE(file) << file.error().message;
  auto indexed = OpenArchive(*file, {});
  ASSERT_TRUE(indexed) << indexed.error().message;
  auto indexed_layers = ReadLayers(*indexed, {});
  ASSERT_TRUE(indexed_layers) << indexed_layers.error().message;

  auto stream = MakeSourceStream(*file);
  auto streamed = ReadArchiveStream(*stream, "stream", {}, {});
  ASSERT_TRUE(streamed) << streamed.error().message;
  EXPECT_EQ(streamed->image.config_json, indexed->config_json);
  EXPECT_EQ(streamed->image.digest, indexed->digest);
  EXPECT_EQ(streamed->image.repo_tags, indexed->repo_tags);
  ASSERT_EQ(streamed->layers.size(), indexed_layers->size());
  for (size_t i = 0; i < streamed->layers.size(); ++i) {
    const LayerContents& a = streamed->layers[i];
    const LayerContents& b = (*indexed_layers)[i];
    EXPECT_EQ(streamed->image.layers[i].digest, indexed->layers[i].digest) << i;
    EXPECT_EQ(streamed->image.layers[i].diff_id, indexed->layers[i].diff_id) << i;
    EXPECT_EQ(a.diff_id, b.diff_id) << i;
    EXPECT_EQ(a.compressed_size, b.compressed_size) << i;
    EXPECT_EQ(a.uncompressed_size, b.uncompressed_size) << i;
    ASSERT_EQ(a.entries.size(), b.entries.size()) << i;
    for (size_t e = 0; e < a.entries.size(); ++e) {
      EXPECT_EQ(a.entries[e].path, b.entries[e].path);
      EXPECT_EQ(a.entries[e].size, b.entries[e].size);
      EXPECT_EQ(a.entries[e].content_hash, b.entries[e].content_hash);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SharedImages, ArchiveStreamMatchesIndexed,
                         ::testing::Values("dive/test-docker-image.tar", "dive/test-kaniko-image.tar",
                                           "dive/test-oci-gzip-image.tar", "dive/test-oci-zstd-image.tar",
                                           "ggcr/hello-world-v25.tar", "ggcr/whiteout_image.tar",
                                           "ggcr/overwritten_file.tar"));

TEST(ArchiveStreamTest, ATruncatedStreamIsAnError) {
  std::string bytes = slimage::testing::ReadFileBytes(SharedPath("images/dive/test-docker-image.tar"));
  auto stream = MakeSourceStream(MakeMemorySource(bytes.substr(0, bytes.size() / 2), "half.tar"));
  auto streamed = ReadArchiveStream(*stream, "docker://half", {}, {});
  ASSERT_FALSE(streamed);
  EXPECT_EQ(streamed.error().message.rfind("docker://half: ", 0), 0u) << streamed.error().message;
}

TEST(ArchiveStreamTest, NotAnArchive) {
  auto stream = MakeSourceStream(MakeMemorySource(std::string(4096, 'x'), "junk"));
  auto streamed = ReadArchiveStream(*stream, "docker://junk", {}, {});
  ASSERT_FALSE(streamed);
  EXPECT_EQ(streamed.error().message.rfind("docker://junk: ", 0), 0u) << streamed.error().message;
}

TEST(ArchiveStreamTest, AnArchiveWithoutManifestSaysSo) {
  // A tar holding one ordinary file: streams fine, but names no image.
  std::string tar(1024 + 512, '\0');
  std::string header(512, '\0');
  header.replace(0, 5, "hello");
  header.replace(100, 7, "0000644");
  header.replace(124, 11, "00000000005");
  header.replace(156, 1, "0");
  header.replace(257, 5, "ustar");
  header.replace(148, 8, "        ");
  unsigned sum = 0;
  for (char c : header) sum += static_cast<unsigned char>(c);
  header.replace(148, 7, fmt::format("{:06o}", sum) + '\0');
  std::string bytes = header + std::string("world") + std::string(507, '\0') + std::string(1024, '\0');
  auto stream = MakeSourceStream(MakeMemorySource(bytes, "one-file.tar"));
  auto streamed = ReadArchiveStream(*stream, "docker://x", {}, {});
  ASSERT_FALSE(streamed);
  EXPECT_EQ(streamed.error().message,
            "docker://x: not an image archive (no manifest.json, index.json or repositories)");
}

}  // namespace
}  // namespace slimage::image
