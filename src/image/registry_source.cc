#include "image/registry_source.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/platform.h"
#include "image/sha256.h"
#include "net/docker_credentials.h"
#include "net/registry_client.h"
#include "net/registry_reference.h"
#include "util/json_field.h"

namespace slimage::image {
namespace {

using nlohmann::json;

constexpr const char* kOciManifest = "application/vnd.oci.image.manifest.v1+json";
constexpr const char* kOciIndex = "application/vnd.oci.image.index.v1+json";
constexpr const char* kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
constexpr const char* kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";

// "application/json; charset=utf-8" -> "application/json".
std::string BareMediaType(std::string type) {
  if (size_t semicolon = type.find(';'); semicolon != std::string::npos) type = type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type;
}

struct Manifest {
  json document;
  std::string media_type;
  std::string digest;
};

// Fetches a manifest and checks its digest: against Docker-Content-Digest when the registry
// sends one, and against `expected` when the reference (or the index) named it.
Expected<Manifest> FetchManifest(net::RegistryClient& client, const std::string& reference,
                                 const std::string& expected) {
  auto response = client.GetManifest(reference);
  if (!response) return response.error();
  const std::string& image = client.image();
  Manifest manifest;
  manifest.digest = Sha256Digest(response->body);
  std::string announced = response->headers.Get("docker-content-digest");
  if (announced.rfind("sha256:", 0) == 0 && announced != manifest.digest) {
    return MakeError("{}: the manifest does not match the Docker-Content-Digest {} the registry sent", image, announced);
  }
  if (!expected.empty() && expected != manifest.digest) {
    return MakeError("{}: the manifest does not match its digest {}", image, expected);
  }
  manifest.document = json::parse(response->body, nullptr, false);
  if (!manifest.document.is_object()) return MakeError("{}: the manifest is not a JSON object", image);
  manifest.media_type = StringField(manifest.document, "mediaType");
  if (manifest.media_type.empty()) manifest.media_type = BareMediaType(response->headers.Get("content-type"));
  const json& version = manifest.document.contains("schemaVersion") ? manifest.document["schemaVersion"] : json();
  if ((version.is_number_integer() && version.get<int>() == 1) ||
      manifest.media_type.rfind("application/vnd.docker.distribution.manifest.v1", 0) == 0) {
    return MakeError("{}: the registry answered a schema 1 manifest, which slimage does not read (push the image "
                     "again with a current client to get a v2 or OCI manifest)", image);
  }
  if (manifest.media_type.empty() && manifest.document.contains("manifests")) manifest.media_type = kOciIndex;
  if (manifest.media_type.empty() && manifest.document.contains("layers")) manifest.media_type = kOciManifest;
  return manifest;
}

// The descriptor of `index` for `wanted` (attestations, platform unknown/unknown, left out).
Expected<json> PickFromIndex(const json& index, const std::string& wanted, const std::string& image) {
  if (!index.contains("manifests") || !index["manifests"].is_array()) {
    return MakeError("{}: the image index has no manifests list", image);
  }
  std::vector<std::string> available;
  for (const json& descriptor : index["manifests"]) {
    std::string platform = PlatformOf(descriptor);
    if (platform == "unknown/unknown") continue;
    available.push_back(platform.empty() ? "(no platform)" : platform);
    if (!platform.empty() && PlatformMatches(platform, wanted)) return descriptor;
  }
  std::string list;
  for (const std::string& platform : available) list += (list.empty() ? "" : ", ") + platform;
  return MakeError("{}: no image for platform {}; available: {}", image, wanted, list.empty() ? "none" : list);
}

}  // namespace

Expected<LoadedImage> OpenRegistryImage(const std::string& image, const OpenOptions& options) {
  auto reference = net::ParseRegistryReference(image);
  if (!reference) return reference.error();
  net::RegistryClientOptions client_options;
  client_options.insecure = options.insecure;
  client_options.max_metadata_bytes = options.max_metadata_bytes;
  if (!options.username.empty()) {
    client_options.credentials = net::Credentials{options.username, options.password};
  } else {
    auto credentials = net::LookupDockerCredentials(reference->host);
    if (!credentials) return MakeError("{}: {}", image, credentials.error().message);
    client_options.credentials = *credentials;
  }
  auto tls = net::FindRegistryTls(reference->host, options.cert_dir);
  if (!tls) return MakeError("{}: {}", image, tls.error().message);
  client_options.tls = std::move(*tls);
  auto client = std::make_shared<net::RegistryClient>(*reference, image, client_options);
  if (Status ping = client->Ping(); !ping) return ping.error();

  auto manifest = FetchManifest(*client, reference->reference(), reference->digest);
  if (!manifest) return manifest.error();
  if (manifest->media_type == kOciIndex || manifest->media_type == kDockerList) {
    std::string wanted = options.platform.empty() ? HostPlatform() : options.platform;
    auto descriptor = PickFromIndex(manifest->document, wanted, image);
    if (!descriptor) return descriptor.error();
    std::string digest = StringField(*descriptor, "digest");
    if (!IsSha256Digest(digest)) return MakeError("{}: the index names a manifest by a malformed digest", image);
    manifest = FetchManifest(*client, digest, digest);
    if (!manifest) return manifest.error();
    if (manifest->media_type == kOciIndex || manifest->media_type == kDockerList) {
      return MakeError("{}: the index for {} names another index; nested indexes are not read", image, wanted);
    }
  }
  if (manifest->media_type != kOciManifest && manifest->media_type != kDockerManifest) {
    return MakeError("{}: the registry answered a manifest of type {}, not an image manifest", image,
                     manifest->media_type.empty() ? "(none)" : manifest->media_type);
  }
  const json& document = manifest->document;
  if (!document.contains("config") || !document["config"].is_object()) {
    return MakeError("{}: the manifest has no config", image);
  }
  std::string config_digest = StringField(document["config"], "digest");
  if (!IsSha256Digest(config_digest)) return MakeError("{}: the config digest is not a sha256 digest", image);
  auto config_text = client->GetBlob(config_digest, "config");
  if (!config_text) return config_text.error();
  json config = json::parse(*config_text, nullptr, false);
  if (!config.is_object()) return MakeError("{}: the image config is not a JSON object", image);
  if (!document.contains("layers") || !document["layers"].is_array()) {
    return MakeError("{}: the manifest has no layers list", image);
  }

  LoadedImage loaded;
  loaded.source = image;
  loaded.digest = manifest->digest;
  loaded.config_json = std::move(*config_text);
  if (!reference->tag.empty()) loaded.repo_tags.push_back(reference->host + "/" + reference->repository + ":" + reference->tag);
  std::vector<std::string> diff_ids;
  if (config.contains("rootfs") && config["rootfs"].is_object() && config["rootfs"].contains("diff_ids") &&
      config["rootfs"]["diff_ids"].is_array()) {
    for (const json& id : config["rootfs"]["diff_ids"]) diff_ids.push_back(id.is_string() ? id.get<std::string>() : "");
  }
  for (const json& descriptor : document["layers"]) {
    LayerDescriptor layer;
    layer.digest = StringField(descriptor, "digest");
    layer.media_type = StringField(descriptor, "mediaType");
    if (!IsSha256Digest(layer.digest)) return MakeError("{}: layer digest {} is not a sha256 digest", image, layer.digest);
    if (descriptor.contains("size") && descriptor["size"].is_number_unsigned()) {
      layer.declared_size = descriptor["size"].get<uint64_t>();
    }
    if (loaded.layers.size() < diff_ids.size() && diff_ids.size() == document["layers"].size()) {
      layer.diff_id = diff_ids[loaded.layers.size()];
    }
    layer.member = layer.digest;
    // ReadLayers puts "IMAGE: layer N (DIGEST): " before an error: the client's own prefix goes.
    layer.open_stream = [client, digest = layer.digest]() -> Expected<std::unique_ptr<ByteStream>> {
      auto stream = client->OpenBlob(digest);
      if (stream) return stream;
      std::string message = stream.error().message;
      if (message.rfind(client->image() + ": ", 0) == 0) message = message.substr(client->image().size() + 2);
      return Error{message};
    };
    loaded.layers.push_back(std::move(layer));
  }
  return loaded;
}

}  // namespace slimage::image
