// docker save archives (legacy and Docker 25+), OCI layouts (directory or tar).
#include "image/image_source.h"

#include <sys/stat.h>

#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/blob_store.h"
#include "image/platform.h"
#include "image/registry_source.h"
#include "image/sha256.h"
#include "image/tar_index.h"
#include "util/json_field.h"

namespace slimage::image {
namespace {

using nlohmann::json;

Expected<json> ReadJson(const BlobStore& store, const std::string& member, const OpenOptions& options,
                        std::string* raw = nullptr) {
  auto source = store.Open(member);
  if (!source) return source.error();
  if (!*source) return MakeError("{}: {} is missing", store.name(), member);
  auto text = ReadAll(**source, options.max_metadata_bytes);
  if (!text) return text.error();
  json parsed = json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) return MakeError("{}: {} is not valid JSON", store.name(), member);
  if (raw) *raw = std::move(*text);
  return parsed;
}

std::string BlobPath(const std::string& digest) { return "blobs/sha256/" + digest.substr(7); }

// Layer diff_ids from the config (may be empty).
std::vector<std::string> DiffIds(const json& config) {
  std::vector<std::string> ids;
  if (!config.is_object() || !config.contains("rootfs")) return ids;
  const json& rootfs = config["rootfs"];
  if (!rootfs.is_object() || !rootfs.contains("diff_ids") || !rootfs["diff_ids"].is_array()) return ids;
  for (const auto& id : rootfs["diff_ids"]) ids.push_back(id.is_string() ? id.get<std::string>() : "");
  return ids;
}

void AttachDiffIds(LoadedImage& image, const json& config) {
  auto ids = DiffIds(config);
  if (ids.size() != image.layers.size()) return;  // a mismatch is reported when the layers are read
  for (size_t i = 0; i < ids.size(); ++i) image.layers[i].diff_id = ids[i];
}

bool TagMatches(const std::string& tag, const std::string& wanted) {
  return tag == wanted || tag == wanted + ":latest";
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) out += (out.empty() ? "" : ", ") + tag;
  return out;
}

// docker save: manifest.json lists the images.
Expected<LoadedImage> FromDockerManifest(const BlobStore& store, const json& manifest, const std::string& source,
                                         const OpenOptions& options) {
  if (!manifest.is_array()) return MakeError("{}: manifest.json is not a list of images", store.name());
  if (manifest.empty()) return MakeError("{}: manifest.json lists no image", store.name());
  std::vector<std::string> all_tags;
  const json* chosen = nullptr;
  for (const auto& entry : manifest) {
    if (!entry.is_object()) return MakeError("{}: manifest.json has an entry that is not an object", store.name());
    std::vector<std::string> tags;
    if (entry.contains("RepoTags") && entry["RepoTags"].is_array()) {
      for (const auto& tag : entry["RepoTags"]) {
        if (tag.is_string()) tags.push_back(tag.get<std::string>());
      }
    }
    if (!options.tag.empty()) {
      for (const auto& tag : tags) {
        if (TagMatches(tag, options.tag)) chosen = &entry;
      }
    }
    all_tags.insert(all_tags.end(), tags.begin(), tags.end());
  }
  if (options.tag.empty()) {
    if (manifest.size() > 1) {
      return MakeError("{}: holds {} images; choose one of: {}", store.name(), manifest.size(), JoinTags(all_tags));
    }
    chosen = &manifest[0];
  } else if (!chosen) {
    return MakeError("{}: no image tagged {}; choose one of: {}", store.name(), options.tag, JoinTags(all_tags));
  }
  LoadedImage image;
  image.source = source;
  std::string config_name = StringField(*chosen, "Config");
  if (config_name.empty()) return MakeError("{}: manifest.json names no Config", store.name());
  auto config = ReadJson(store, config_name, options, &image.config_json);
  if (!config) return config.error();
  if (!config->is_object()) return MakeError("{}: config {} is not an object", store.name(), config_name);
  image.digest = Sha256Digest(image.config_json);  // the image ID
  if (config_name.rfind("blobs/sha256/", 0) == 0 && "sha256:" + config_name.substr(13) != image.digest) {
    return MakeError("{}: config {} does not match its digest", store.name(), config_name);
  }
  if (chosen->contains("RepoTags") && (*chosen)["RepoTags"].is_array()) {
    for (const auto& tag : (*chosen)["RepoTags"]) {
      if (tag.is_string()) image.repo_tags.push_back(tag.get<std::string>());
    }
  }
  if (!chosen->contains("Layers") || !(*chosen)["Layers"].is_array()) {
    return MakeError("{}: manifest.json has no Layers list", store.name());
  }
  for (const auto& layer_name : (*chosen)["Layers"]) {
    if (!layer_name.is_string()) return MakeError("{}: manifest.json has a layer that is not a name", store.name());
    std::string name = layer_name.get<std::string>();
    auto blob = store.Open(name);
    if (!blob) return blob.error();
    if (!*blob) return MakeError("{}: layer {} named in manifest.json is missing", store.name(), name);
    LayerDescriptor layer;
    layer.blob = *blob;
    layer.member = name;
    if (name.rfind("blobs/sha256/", 0) == 0) layer.digest = "sha256:" + name.substr(13);
    image.layers.push_back(std::move(layer));
  }
  AttachDiffIds(image, *config);
  return image;
}

// No manifest.json: `repositories` names the top layer; the chain of v1 `json` files the rest.
Expected<LoadedImage> FromRepositories(const BlobStore& store, const json& repositories, const std::string& source,
                                       const OpenOptions& options) {
  if (!repositories.is_object()) return MakeError("{}: repositories is not an object", store.name());
  std::vector<std::pair<std::string, std::string>> tagged;  // tag, id
  for (const auto& [repo, tags] : repositories.items()) {
    if (!tags.is_object()) continue;
    for (const auto& [tag, id] : tags.items()) {
      if (id.is_string()) tagged.emplace_back(repo + ":" + tag, id.get<std::string>());
    }
  }
  std::vector<std::string> names;
  for (const auto& [tag, id] : tagged) names.push_back(tag);
  std::string top;
  if (options.tag.empty()) {
    if (tagged.size() != 1) {
      return MakeError("{}: holds {} images; choose one of: {}", store.name(), tagged.size(), JoinTags(names));
    }
    top = tagged[0].second;
  } else {
    for (const auto& [tag, id] : tagged) {
      if (TagMatches(tag, options.tag) || tag.substr(tag.rfind(':') + 1) == options.tag) top = id;
    }
    if (top.empty()) return MakeError("{}: no image tagged {}; choose one of: {}", store.name(), options.tag, JoinTags(names));
  }
  LoadedImage image;
  image.source = source;
  std::vector<std::string> chain;
  json top_json;
  for (std::string id = top; !id.empty();) {
    if (chain.size() > 1000 || std::find(chain.begin(), chain.end(), id) != chain.end()) {
      return MakeError("{}: the layer chain in repositories loops", store.name());
    }
    chain.push_back(id);
    auto v1 = ReadJson(store, id + "/json", options);
    if (!v1) return v1.error();
    if (chain.size() == 1) top_json = *v1;
    id = StringField(*v1, "parent");
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto blob = store.Open(*it + "/layer.tar");
    if (!blob) return blob.error();
    if (!*blob) return MakeError("{}: layer {}/layer.tar is missing", store.name(), *it);
    LayerDescriptor layer;
    layer.blob = *blob;
    layer.member = *it + "/layer.tar";
    image.layers.push_back(std::move(layer));
  }
  // The image config is a top-level *.json whose rootfs lists as many layers; failing
  // that, the v1 json of the top layer carries os, architecture and config.
  image.config_json = top_json.dump();
  image.digest = "sha256:" + top;
  for (const std::string& name : store.TopLevelFiles()) {
    if (name.size() < 6 || name.substr(name.size() - 5) != ".json") continue;
    std::string raw;
    auto config = ReadJson(store, name, options, &raw);
    if (!config || !config->is_object() || DiffIds(*config).size() != image.layers.size()) continue;
    image.config_json = std::move(raw);
    image.digest = Sha256Digest(image.config_json);
    AttachDiffIds(image, *config);
    break;
  }
  return image;
}

struct Candidate {
  json descriptor;
  std::string ref_name;
};

Expected<std::string> ReadVerifiedBlob(const BlobStore& store, const std::string& digest, const OpenOptions& options) {
  if (!IsSha256Digest(digest)) return MakeError("{}: unsupported or malformed digest {}", store.name(), digest);
  auto blob = store.Open(BlobPath(digest));
  if (!blob) return blob.error();
  if (!*blob) return MakeError("{}: blob {} is missing", store.name(), digest);
  auto text = ReadAll(**blob, options.max_metadata_bytes);
  if (!text) return text.error();
  if (Sha256Digest(*text) != digest) return MakeError("{}: blob {} does not match its digest", store.name(), digest);
  return text;
}

// Flattens nested indexes into image manifests, keeping the top-level ref name.
Status CollectManifests(const BlobStore& store, const json& index, const std::string& ref, int depth,
                        const OpenOptions& options, std::vector<Candidate>* out) {
  if (depth > 4) return MakeError("{}: image indexes nest too deep", store.name());
  if (!index.is_object() || !index.contains("manifests") || !index["manifests"].is_array()) return {};
  for (const auto& descriptor : index["manifests"]) {
    if (!descriptor.is_object()) continue;
    std::string name = ref;
    if (descriptor.contains("annotations") && descriptor["annotations"].is_object()) {
      std::string annotated = StringField(descriptor["annotations"], "org.opencontainers.image.ref.name");
      if (annotated.empty()) annotated = StringField(descriptor["annotations"], "io.containerd.image.name");
      if (!annotated.empty()) name = annotated;
    }
    std::string media = StringField(descriptor, "mediaType");
    if (media.find("index") != std::string::npos || media.find("manifest.list") != std::string::npos) {
      auto nested_text = ReadVerifiedBlob(store, StringField(descriptor, "digest"), options);
      if (!nested_text) return nested_text.error();
      json nested = json::parse(*nested_text, nullptr, false);
      if (nested.is_discarded()) return MakeError("{}: index {} is not valid JSON", store.name(), StringField(descriptor, "digest"));
      if (Status status = CollectManifests(store, nested, name, depth + 1, options, out); !status) return status;
      continue;
    }
    out->push_back({descriptor, name});
  }
  return {};
}

Expected<LoadedImage> FromOciIndex(const BlobStore& store, const json& index, const std::string& source,
                                   const OpenOptions& options) {
  std::vector<Candidate> candidates;
  if (Status status = CollectManifests(store, index, "", 0, options, &candidates); !status) return status.error();
  // Attestation manifests (buildx) are not images.
  std::erase_if(candidates, [](const Candidate& c) { return PlatformOf(c.descriptor) == "unknown/unknown"; });
  if (candidates.empty()) return MakeError("{}: index.json lists no image manifest", store.name());
  if (!options.tag.empty()) {
    std::vector<std::string> refs;
    for (const auto& c : candidates) refs.push_back(c.ref_name.empty() ? "(untagged)" : c.ref_name);
    std::erase_if(candidates, [&](const Candidate& c) { return !TagMatches(c.ref_name, options.tag); });
    if (candidates.empty()) return MakeError("{}: no image tagged {}; choose one of: {}", store.name(), options.tag, JoinTags(refs));
  }
  if (candidates.size() > 1 || !options.platform.empty()) {
    std::string wanted = options.platform.empty() ? "linux/amd64" : options.platform;
    std::vector<std::string> platforms;
    for (const auto& c : candidates) platforms.push_back(PlatformOf(c.descriptor));
    std::vector<Candidate> matching;
    for (const auto& c : candidates) {
      if (PlatformMatches(PlatformOf(c.descriptor), wanted) || (PlatformOf(c.descriptor).empty() && candidates.size() == 1)) {
        matching.push_back(c);
      }
    }
    if (matching.empty() && options.platform.empty()) {
      return MakeError("{}: holds images for several platforms; choose one with --platform: {}", store.name(),
                       JoinTags(platforms));
    }
    if (matching.empty()) {
      return MakeError("{}: no image for platform {}; available: {}", store.name(), wanted, JoinTags(platforms));
    }
    if (matching.size() > 1) {
      std::vector<std::string> refs;
      for (const auto& c : matching) refs.push_back(c.ref_name.empty() ? "(untagged)" : c.ref_name);
      return MakeError("{}: holds {} images; choose one of: {}", store.name(), matching.size(), JoinTags(refs));
    }
    candidates = matching;
  }
  const json& descriptor = candidates[0].descriptor;
  std::string manifest_digest = StringField(descriptor, "digest");
  auto manifest_text = ReadVerifiedBlob(store, manifest_digest, options);
  if (!manifest_text) return manifest_text.error();
  json manifest = json::parse(*manifest_text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    return MakeError("{}: manifest {} is not a JSON object", store.name(), manifest_digest);
  }
  if (!manifest.contains("config") || !manifest["config"].is_object()) {
    return MakeError("{}: manifest {} has no config", store.name(), manifest_digest);
  }
  LoadedImage image;
  image.source = source;
  image.digest = manifest_digest;
  if (!candidates[0].ref_name.empty()) image.repo_tags.push_back(candidates[0].ref_name);
  auto config_text = ReadVerifiedBlob(store, StringField(manifest["config"], "digest"), options);
  if (!config_text) return config_text.error();
  json config = json::parse(*config_text, nullptr, false);
  if (config.is_discarded() || !config.is_object()) return MakeError("{}: the image config is not a JSON object", store.name());
  image.config_json = std::move(*config_text);
  if (!manifest.contains("layers") || !manifest["layers"].is_array()) {
    return MakeError("{}: manifest {} has no layers list", store.name(), manifest_digest);
  }
  for (const auto& layer_descriptor : manifest["layers"]) {
    LayerDescriptor layer;
    layer.digest = StringField(layer_descriptor, "digest");
    layer.media_type = StringField(layer_descriptor, "mediaType");
    if (!IsSha256Digest(layer.digest)) return MakeError("{}: layer digest {} is not a sha256 digest", store.name(), layer.digest);
    if (layer_descriptor.contains("size") && layer_descriptor["size"].is_number_unsigned()) {
      layer.declared_size = layer_descriptor["size"].get<uint64_t>();
    }
    auto blob = store.Open(BlobPath(layer.digest));
    if (!blob) return blob.error();
    if (!*blob) return MakeError("{}: layer blob {} is missing", store.name(), layer.digest);
    if (layer.declared_size && *layer.declared_size != (*blob)->size()) {
      return MakeError("{}: layer blob {} is {} bytes, the manifest says {}", store.name(), layer.digest,
                       (*blob)->size(), *layer.declared_size);
    }
    layer.blob = *blob;
    layer.member = BlobPath(layer.digest);
    image.layers.push_back(std::move(layer));
  }
  AttachDiffIds(image, config);
  return image;
}

Expected<LoadedImage> FromStore(const BlobStore& store, const std::string& source, const OpenOptions& options) {
  using Reader = Expected<LoadedImage> (*)(const BlobStore&, const json&, const std::string&, const OpenOptions&);
  // The first of these files that the store holds says which layout it is.
  static constexpr std::pair<const char*, Reader> kLayouts[] = {
      {"manifest.json", FromDockerManifest}, {"index.json", FromOciIndex}, {"repositories", FromRepositories}};
  for (const auto& [file, read] : kLayouts) {
    auto blob = store.Open(file);
    if (!blob) return blob.error();
    if (!*blob) continue;
    auto parsed = ReadJson(store, file, options);
    if (!parsed) return parsed.error();
    return read(store, *parsed, source, options);
  }
  return MakeError("{}: not an image archive (no manifest.json, index.json or repositories)", store.name());
}

}  // namespace

Expected<LoadedImage> OpenArchive(std::shared_ptr<const ByteSource> archive, const OpenOptions& options) {
  std::string name = archive->name();
  auto index = TarIndex::Build(std::move(archive));
  if (!index) return index.error();
  auto store = MakeTarStore(std::move(*index), name);
  return FromStore(*store, name, options);
}

Expected<LoadedImage> OpenStreamedArchive(const StreamedMembers& members, const std::string& name,
                                          const OpenOptions& options) {
  auto store = MakeStreamedStore(members, name);
  auto image = FromStore(*store, name, options);
  if (!image) return image;
  for (auto& layer : image->layers) {
    if (!layer.member.empty()) {
      bool escapes = false;
      layer.member = NormaliseMemberName(layer.member, &escapes);
    }
    layer.blob = nullptr;  // a placeholder: the bytes were read while streaming
  }
  return image;
}

Expected<LoadedImage> OpenLayoutDirectory(const std::string& directory, const OpenOptions& options) {
  std::string trimmed = directory;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  auto store = MakeDirectoryStore(trimmed);
  return FromStore(*store, directory, options);
}

Expected<LoadedImage> OpenImage(const std::string& image, OpenOptions options) {
  std::string path = image;
  bool force_directory = false;
  auto split_tag = [&](const std::string& rest) {
    size_t colon = rest.find(':');
    path = rest.substr(0, colon);
    if (colon != std::string::npos && options.tag.empty()) options.tag = rest.substr(colon + 1);
  };
  if (image.rfind("oci:", 0) == 0) {
    split_tag(image.substr(4));
    force_directory = true;
  } else if (image.rfind("docker-archive:", 0) == 0) {
    split_tag(image.substr(15));
  } else if (image.rfind("registry://", 0) == 0) {
    return OpenRegistryImage(image, options);
  } else if (image.rfind("docker://", 0) == 0 || image.rfind("daemon:", 0) == 0) {
    return MakeError("{}: internal error: Engine images are streamed (ReadEngineImage)", image);
  } else if (image.find("://") != std::string::npos) {
    return MakeError("{}: unknown image source; use a path, oci:, docker-archive:, docker:// or registry://", image);
  }
  if (path.empty()) return MakeError("{}: no file or directory named", image);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return MakeError("{}: no such file or directory", path);
  if (S_ISDIR(info.st_mode)) {
    auto loaded = OpenLayoutDirectory(path, options);
    if (loaded) loaded->source = image;
    return loaded;
  }
  if (force_directory && !S_ISREG(info.st_mode)) return MakeError("{}: not an OCI layout", path);
  auto file = OpenFileSource(path);
  if (!file) return file.error();
  auto loaded = OpenArchive(*file, options);
  if (loaded) loaded->source = image;
  return loaded;
}

}  // namespace slimage::image
