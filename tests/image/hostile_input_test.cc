// Hostile archives and layers: each is one clear error, never a crash or a hang.
#include <gtest/gtest.h>

#include <cstdio>

#include "image/image_source.h"
#include "image/layer_reader.h"
#include "support/image_builder.h"

namespace slimage::testing {
namespace {

std::string ErrorOf(const std::string& archive, const analysis::AnalyzeOptions& options = {}) {
  auto model = ModelFromArchive(archive, options);
  return model.ok() ? "(loaded)" : model.error().message;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(HostileInput, TruncatedOuterArchive) {
  std::string archive = MakeDockerArchive({{{{File("a", std::string(5000, 'a'))}, Compress::kNone, "ADD"}}, {}});
  std::string error = ErrorOf(archive.substr(0, 1500));
  EXPECT_TRUE(Contains(error, "test.tar: tar member at byte ")) << error;
  EXPECT_TRUE(Contains(error, "beyond the end of the archive")) << error;
}

TEST(HostileInput, TruncatedLayerTar) {
  std::string layer = MakeTar({File("big", std::string(4000, 'x'))});
  std::string truncated = layer.substr(0, 2048);  // header and part of the data
  std::string archive = MakeTar({File("l/layer.tar", truncated), File("c.json", R"({"os":"linux"})"),
                                 File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
  std::string error = ErrorOf(archive);
  EXPECT_EQ(error.rfind("test.tar: layer 0: bad tar data for /big: ", 0), 0u) << error;
}

TEST(HostileInput, EmptyLayerBlobIsAnEmptyLayerButGarbageIsNot) {
  std::string config = "{}";
  auto with_layer = [&](const std::string& blob) {
    return MakeTar({File("l/layer.tar", blob), File("c.json", config),
                    File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
  };
  auto model = ModelFromArchive(with_layer(""));
  ASSERT_TRUE(model.ok()) << model.error().message;
  EXPECT_EQ(model->layers[0].stats.size, 0u);
  EXPECT_EQ(ErrorOf(with_layer(std::string(700, 'g'))),
            "test.tar: layer 0: not a tar archive: Unrecognized archive format");
}

TEST(HostileInput, NotATarAtAll) {
  EXPECT_EQ(ErrorOf(std::string(2000, 'z')), "test.tar: not a tar archive (bad header checksum at byte 0)");
  EXPECT_EQ(ErrorOf("short"), "test.tar: not a tar archive (too short)");
}

TEST(HostileInput, DotDotPathInLayer) {
  std::string archive = MakeDockerArchive({{{{File("../../etc/passwd", "x")}, Compress::kGzip, "ADD"}}, {}});
  EXPECT_EQ(ErrorOf(archive), "test.tar: layer 0: tar entry ../../etc/passwd points outside the root");
}

TEST(HostileInput, ManifestNamesMissingBlob) {
  std::string archive = MakeTar({File("c.json", "{}"),
                                 File("manifest.json", R"([{"Config":"c.json","Layers":["gone/layer.tar"]}])")});
  EXPECT_EQ(ErrorOf(archive), "test.tar: layer gone/layer.tar named in manifest.json is missing");
}

TEST(HostileInput, MissingConfig) {
  std::string archive = MakeTar({File("manifest.json", R"([{"Config":"c.json","Layers":[]}])")});
  EXPECT_EQ(ErrorOf(archive), "test.tar: c.json is missing");
}

TEST(HostileInput, WrongDiffId) {
  std::string layer = MakeTar({File("a", "abc")});
  std::string config = R"({"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:)" + std::string(64, '0') +
                       R"("]}})";
  std::string archive = MakeTar({File("l/layer.tar", layer), File("c.json", config),
                                 File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
  std::string error = ErrorOf(archive);
  EXPECT_EQ(error, "test.tar: layer 0: uncompressed layer does not match its diff_id sha256:" + std::string(64, '0') +
                       " (got " + Sha256Of(layer) + ")");
}

TEST(HostileInput, WrongBlobDigestInOciLayout) {
  std::string archive = MakeOciArchive({{{{File("a", "abc")}, Compress::kGzip, "ADD"}}, {}});
  // Flip one byte of the gzip blob (its mtime field): the digest no longer matches.
  std::string blob = MakeTar({File("a", "abc")}, Compress::kGzip);
  size_t at = archive.find(blob);
  ASSERT_NE(at, std::string::npos);
  archive[at + 4] = static_cast<char>(archive[at + 4] ^ 0x55);
  std::string error = ErrorOf(archive);
  EXPECT_EQ(error.rfind("test.tar: layer 0 (" + Sha256Of(blob) + "): blob does not match its digest", 0), 0u)
      << error;
}

TEST(HostileInput, SizeFieldBeyondTheBlob) {
  std::string layer = MakeTar({File("a", std::string(600, 'a'))});
  // Claim 1 GiB in the size field (octal, 11 digits) and fix the header checksum.
  std::string size_field = "10000000000";
  layer.replace(124, 11, size_field);
  unsigned sum = 0;
  for (size_t i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(layer[i]);
  char checksum[8];
  std::snprintf(checksum, sizeof checksum, "%06o", sum);
  layer.replace(148, 7, std::string(checksum, 6) + '\0');
  std::string archive = MakeTar({File("l/layer.tar", layer), File("c.json", "{}"),
                                 File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
  std::string error = ErrorOf(archive);
  EXPECT_TRUE(Contains(error, "test.tar: layer 0: bad tar")) << error;
}

// 16 MiB of zeros gzip to ~16 KiB: over a 1 MB cap it is refused, and it never sits in memory.
TEST(HostileInput, DecompressionBombIsRefusedByTheCap) {
  std::vector<TarItem> items{File("zeros", std::string(16u << 20, '\0'))};
  std::string archive = MakeDockerArchive({{{items, Compress::kGzip, "ADD"}}, {}});
  EXPECT_LT(archive.size(), 1u << 20);
  analysis::AnalyzeOptions options;
  options.read.max_layer_size = 1000000;
  EXPECT_EQ(ErrorOf(archive, options),
            "test.tar: layer 0: uncompressed layer is larger than --max-layer-size (1000000 bytes)");
  auto model = ModelFromArchive(archive);  // without the cap it is read, streaming
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->metrics.size, 16u << 20);
}

TEST(HostileInput, TooManyEntriesInALayer) {
  std::vector<TarItem> items;
  for (int i = 0; i < 11; ++i) items.push_back(File("f" + std::to_string(i), ""));
  analysis::AnalyzeOptions options;
  options.read.max_entries = 10;
  EXPECT_EQ(ErrorOf(MakeDockerArchive({{{items, Compress::kGzip, "ADD"}}, {}}), options),
            "test.tar: layer 0: more than 10 entries");
}

TEST(HostileInput, CorruptGzipAndZstd) {
  for (Compress compress : {Compress::kGzip, Compress::kZstd}) {
    std::string blob = MakeTar({File("a", std::string(100000, 'q'))}, compress);
    std::string cut = blob.substr(0, blob.size() / 2);
    std::string archive = MakeTar({File("l/layer.tar", cut), File("c.json", "{}"),
                                   File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
    std::string error = ErrorOf(archive);
    EXPECT_EQ(error.rfind("test.tar: layer 0: ", 0), 0u) << error;
    EXPECT_TRUE(Contains(error, "truncated") || Contains(error, "corrupt")) << error;
  }
}

TEST(HostileInput, SymlinkedMemberLeavingTheArchive) {
  std::string archive = MakeTar({Symlink("l/layer.tar", "../../etc/passwd"), File("c.json", "{}"),
                                 File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
  EXPECT_EQ(ErrorOf(archive), "test.tar: member l/layer.tar links to ../../etc/passwd outside the archive");
  std::string absolute = MakeTar({Symlink("l/layer.tar", "/etc/passwd"), File("c.json", "{}"),
                                  File("manifest.json", R"([{"Config":"c.json","Layers":["l/layer.tar"]}])")});
  EXPECT_EQ(ErrorOf(absolute), "test.tar: member l/layer.tar links to /etc/passwd outside the archive");
}

TEST(HostileInput, SymlinkLoop) {
  std::string archive = MakeTar({Symlink("a", "b"), Symlink("b", "a"), File("c.json", "{}"),
                                 File("manifest.json", R"([{"Config":"c.json","Layers":["a"]}])")});
  EXPECT_EQ(ErrorOf(archive), "test.tar: member a is a link loop");
}

TEST(HostileInput, ManifestShapes) {
  auto with_manifest = [](const std::string& manifest) { return MakeTar({File("manifest.json", manifest)}); };
  EXPECT_EQ(ErrorOf(with_manifest("null")), "test.tar: manifest.json is not a list of images");
  EXPECT_EQ(ErrorOf(with_manifest("[")), "test.tar: manifest.json is not valid JSON");
  EXPECT_EQ(ErrorOf(with_manifest("[]")), "test.tar: manifest.json lists no image");
  EXPECT_EQ(ErrorOf(with_manifest("[1]")), "test.tar: manifest.json has an entry that is not an object");
  EXPECT_EQ(ErrorOf(MakeTar({File("hello", "x")})),
            "test.tar: not an image archive (no manifest.json, index.json or repositories)");
}

TEST(HostileInput, OciPlatformChoice) {
  std::string archive = MakeOciArchive({{{{File("a", "abc")}, Compress::kNone, "ADD"}}, {}});
  analysis::AnalyzeOptions options;
  options.open.platform = "linux/arm64";
  EXPECT_EQ(ErrorOf(archive, options), "test.tar: no image for platform linux/arm64; available: linux/amd64");
  options.open.platform = "linux/amd64";
  EXPECT_EQ(ErrorOf(archive, options), "(loaded)");
}

TEST(HostileInput, IndexWithSeveralPlatforms) {
  TestImage image{{{{File("a", "abc")}, Compress::kNone, "ADD"}}, {}, {"linux/arm64/v8", "linux/amd64"}};
  analysis::AnalyzeOptions options;
  EXPECT_EQ(ErrorOf(MakeOciArchive(image), options), "(loaded)");  // linux/amd64 by default
  options.open.platform = "linux/arm64";
  EXPECT_EQ(ErrorOf(MakeOciArchive(image), options), "(loaded)");  // the variant may be left out
  image.platforms = {"linux/arm64", "linux/s390x"};
  options.open.platform = "";
  EXPECT_EQ(ErrorOf(MakeOciArchive(image), options),
            "test.tar: holds images for several platforms; choose one with --platform: linux/arm64, linux/s390x");
}

}  // namespace
}  // namespace slimage::testing
