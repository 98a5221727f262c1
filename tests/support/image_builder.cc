#include "support/image_builder.h"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace slimage::testing {
namespace {

la_ssize_t Append(struct archive*, void* opaque, const void* buffer, size_t length) {
  static_cast<std::string*>(opaque)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

}  // namespace

TarItem File(std::string path, std::string content) {
  return TarItem{TarItem::kFile, std::move(path), std::move(content), "", 0644};
}
TarItem Dir(std::string path) { return TarItem{TarItem::kDir, std::move(path), "", "", 0755}; }
TarItem Symlink(std::string path, std::string target) {
  return TarItem{TarItem::kSymlink, std::move(path), "", std::move(target), 0777};
}
TarItem Hardlink(std::string path, std::string target) {
  return TarItem{TarItem::kHardlink, std::move(path), "", std::move(target), 0644};
}

std::string MakeTar(const std::vector<TarItem>& items, Compress compress) {
  std::string out;
  struct archive* writer = archive_write_new();
  archive_write_set_format_pax_restricted(writer);
  if (compress == Compress::kGzip) archive_write_add_filter_gzip(writer);
  if (compress == Compress::kZstd) archive_write_add_filter_zstd(writer);
  archive_write_set_bytes_in_last_block(writer, 1);
  if (archive_write_open(writer, &out, nullptr, Append, nullptr) != ARCHIVE_OK) {
    throw std::runtime_error(archive_error_string(writer));
  }
  for (const TarItem& item : items) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, item.path.c_str());
    archive_entry_set_perm(entry, item.mode);
    switch (item.kind) {
      case TarItem::kFile:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_size(entry, static_cast<la_int64_t>(item.content.size()));
        break;
      case TarItem::kDir: archive_entry_set_filetype(entry, AE_IFDIR); break;
      case TarItem::kSymlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_symlink(entry, item.target.c_str());
        break;
      case TarItem::kHardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_hardlink(entry, item.target.c_str());
        archive_entry_set_size(entry, 0);
        break;
    }
    archive_write_header(writer, entry);
    if (item.kind == TarItem::kFile && !item.content.empty()) {
      archive_write_data(writer, item.content.data(), item.content.size());
    }
    archive_entry_free(entry);
  }
  archive_write_close(writer);
  archive_write_free(writer);
  return out;
}

std::string Sha256Of(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex = "sha256:";
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string MakeConfig(const TestImage& image, const std::vector<std::string>& layer_tars) {
  nlohmann::ordered_json config;
  config["architecture"] = "amd64";
  config["os"] = "linux";
  config["config"] = nlohmann::json::object();
  nlohmann::json history = nlohmann::json::array();
  for (const auto& created_by : image.empty_history) {
    history.push_back({{"created_by", created_by}, {"empty_layer", true}});
  }
  for (const auto& layer : image.layers) history.push_back({{"created_by", layer.created_by}});
  config["history"] = history;
  nlohmann::json diff_ids = nlohmann::json::array();
  for (const auto& tar : layer_tars) diff_ids.push_back(Sha256Of(tar));
  config["rootfs"] = {{"type", "layers"}, {"diff_ids", diff_ids}};
  return config.dump();
}

namespace {

// The uncompressed tars (for diff_ids) and the blobs as stored.
void BuildLayers(const TestImage& image, std::vector<std::string>* tars, std::vector<std::string>* blobs) {
  for (const auto& layer : image.layers) {
    tars->push_back(MakeTar(layer.items, Compress::kNone));
    blobs->push_back(layer.compress == Compress::kNone ? tars->back() : MakeTar(layer.items, layer.compress));
  }
}

}  // namespace

std::string MakeDockerArchive(const TestImage& image, const std::string& tag) {
  std::vector<std::string> tars, blobs;
  BuildLayers(image, &tars, &blobs);
  std::string config = MakeConfig(image, tars);
  std::string config_name = Sha256Of(config).substr(7) + ".json";
  std::vector<TarItem> outer;
  nlohmann::json layer_names = nlohmann::json::array();
  for (size_t i = 0; i < blobs.size(); ++i) {
    std::string name = fmt::format("layer{}/layer.tar", i);
    outer.push_back(File(name, blobs[i]));
    layer_names.push_back(name);
  }
  outer.push_back(File(config_name, config));
  nlohmann::json manifest = nlohmann::json::array(
      {{{"Config", config_name}, {"RepoTags", {tag}}, {"Layers", layer_names}}});
  outer.push_back(File("manifest.json", manifest.dump()));
  return MakeTar(outer);
}

std::string MakeOciArchive(const TestImage& image) {
  std::vector<std::string> tars, blobs;
  BuildLayers(image, &tars, &blobs);
  std::string config = MakeConfig(image, tars);
  std::vector<TarItem> outer{File("oci-layout", R"({"imageLayoutVersion":"1.0.0"})")};
  nlohmann::json layers = nlohmann::json::array();
  for (size_t i = 0; i < blobs.size(); ++i) {
    const char* media = image.layers[i].compress == Compress::kGzip   ? "application/vnd.oci.image.layer.v1.tar+gzip"
                        : image.layers[i].compress == Compress::kZstd ? "application/vnd.oci.image.layer.v1.tar+zstd"
                                                                      : "application/vnd.oci.image.layer.v1.tar";
    layers.push_back({{"mediaType", media}, {"digest", Sha256Of(blobs[i])}, {"size", blobs[i].size()}});
    outer.push_back(File("blobs/sha256/" + Sha256Of(blobs[i]).substr(7), blobs[i]));
  }
  nlohmann::json manifest = {{"schemaVersion", 2},
                             {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                             {"config", {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                                         {"digest", Sha256Of(config)}, {"size", config.size()}}},
                             {"layers", layers}};
  std::string manifest_text = manifest.dump();
  outer.push_back(File("blobs/sha256/" + Sha256Of(config).substr(7), config));
  outer.push_back(File("blobs/sha256/" + Sha256Of(manifest_text).substr(7), manifest_text));
  nlohmann::json manifests = nlohmann::json::array();
  for (const std::string& platform : image.platforms) {
    size_t slash = platform.find('/');
    size_t second = platform.find('/', slash + 1);
    nlohmann::json described = {{"os", platform.substr(0, slash)},
                                {"architecture", platform.substr(slash + 1, second - slash - 1)}};
    if (second != std::string::npos) described["variant"] = platform.substr(second + 1);
    manifests.push_back({{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                         {"digest", Sha256Of(manifest_text)}, {"size", manifest_text.size()},
                         {"platform", described}});
  }
  nlohmann::json index = {{"schemaVersion", 2}, {"manifests", manifests}};
  outer.push_back(File("index.json", index.dump()));
  return MakeTar(outer);
}

}  // namespace slimage::testing

namespace slimage::testing {

Expected<analysis::ImageModel> ModelFromArchive(const std::string& archive, const analysis::AnalyzeOptions& options) {
  auto loaded = image::OpenArchive(image::MakeMemorySource(archive, "test.tar"), options.open);
  if (!loaded) return loaded.error();
  auto contents = image::ReadLayers(*loaded, options.read, options.threads);
  if (!contents) return contents.error();
  return analysis::BuildImageModel(*loaded, std::move(*contents), options.model);
}

}  // namespace slimage::testing
