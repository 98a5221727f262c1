// Where an image comes from: something that yields the config, the layer descriptors and
// a byte stream per layer. One implementation per container format (docker save archive,
// OCI layout directory or tar); OpenImage() picks it from the IMAGE argument of cli.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "image/blob_store.h"
#include "image/byte_source.h"
#include "image/byte_stream.h"
#include "util/expected.h"

namespace slimage::image {

struct LayerDescriptor {
  std::string digest;      // "sha256:…" of the blob when the source names it, else ""
  std::string media_type;  // as written; informative only (content is sniffed)
  std::string diff_id;     // "sha256:…" of the uncompressed tar from the config's rootfs, or ""
  std::optional<uint64_t> declared_size;  // from the manifest descriptor
  std::shared_ptr<const ByteSource> blob;  // the layer's bytes (compressed or not), or null and:
  StreamOpener open_stream;                // for sources without random access (a registry)
  std::string member;                      // the archive member or layout file holding it, if any
};

struct LoadedImage {
  std::string source;        // what the user named
  std::string digest;        // "sha256:…" of the manifest, or of the config when there is none
  std::string config_json;   // the image config, as stored
  std::vector<LayerDescriptor> layers;  // in order, bottom first
  std::vector<std::string> repo_tags;
};

struct OpenOptions {
  std::string tag;       // which image of a multi-image archive / layout ("" = the only one)
  std::string platform;  // "os/arch[/variant]" for image indexes ("" = linux/amd64 or the only one)
  size_t max_metadata_bytes = 16u << 20;  // cap for manifests and configs
  // registry:// only
  bool insecure = false;   // plain HTTP (localhost registries)
  std::string username;    // with password: overrides ~/.docker/config.json
  std::string password;
  std::string cert_dir;    // TLS files (net/registry_certs.h); "" = the certs.d folders
};

// Reads the structure of an archive (docker save, Docker 25+ OCI-in-tar, OCI layout tar).
Expected<LoadedImage> OpenArchive(std::shared_ptr<const ByteSource> archive, const OpenOptions& options);
// Reads an OCI layout directory.
Expected<LoadedImage> OpenLayoutDirectory(const std::string& directory, const OpenOptions& options);
// Reads the structure of an archive whose members were streamed (see StreamedMembers).
Expected<LoadedImage> OpenStreamedArchive(const StreamedMembers& members, const std::string& name,
                                          const OpenOptions& options);
// Parses IMAGE as cli.md spells it (path.tar, dir/, oci:DIR[:TAG], docker-archive:FILE[:TAG],
// registry://HOST/NAME[:TAG|@DIGEST]). docker:// images are streamed: see engine_source.h.
Expected<LoadedImage> OpenImage(const std::string& image, OpenOptions options);

}  // namespace slimage::image
