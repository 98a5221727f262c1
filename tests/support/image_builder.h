// Builds small image archives in memory for tests and fuzz seeds: layer tars (plain, gzip,
// zstd) through libarchive, wrapped as a docker save archive or an OCI layout tar.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slimage::testing {

struct TarItem {
  enum Kind { kFile, kDir, kSymlink, kHardlink } kind = kFile;
  std::string path;     // as written into the tar ("a/b", "./a", "a/.wh.b")
  std::string content;  // kFile
  std::string target;   // kSymlink, kHardlink
  uint32_t mode = 0644;
};

TarItem File(std::string path, std::string content);
TarItem Dir(std::string path);
TarItem Symlink(std::string path, std::string target);
TarItem Hardlink(std::string path, std::string target);

enum class Compress { kNone, kGzip, kZstd };

// A tar (pax format: long names use PAX headers), optionally compressed.
std::string MakeTar(const std::vector<TarItem>& items, Compress compress = Compress::kNone);
std::string Sha256Of(const std::string& bytes);  // "sha256:…"

struct TestLayer {
  std::vector<TarItem> items;
  Compress compress = Compress::kNone;
  std::string created_by;
};

struct TestImage {
  std::vector<TestLayer> layers;
  std::vector<std::string> empty_history;  // created_by of empty_layer entries put first
  std::vector<std::string> platforms = {"linux/amd64"};  // OCI: one index entry per "os/arch[/variant]"
};

// Legacy docker save: manifest.json, <id>.json config, <n>/layer.tar.
std::string MakeDockerArchive(const TestImage& image, const std::string& tag = "test:latest");
// OCI layout packed as a tar: oci-layout, index.json, blobs/sha256/….
std::string MakeOciArchive(const TestImage& image);

// The config JSON the builders write for `image` (history, rootfs.diff_ids).
std::string MakeConfig(const TestImage& image, const std::vector<std::string>& layer_tars);

}  // namespace slimage::testing

#include "analysis/image_model_builder.h"

namespace slimage::testing {

// Opens `archive` from memory, reads every layer and builds the model.
Expected<analysis::ImageModel> ModelFromArchive(const std::string& archive,
                                                const analysis::AnalyzeOptions& options = {});

}  // namespace slimage::testing
