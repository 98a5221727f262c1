// docker://NAME (or daemon:NAME): an image in a Docker Engine, or Podman's Docker-compatible
// service, over the Engine API. DOCKER_HOST picks the daemon (unix:///path or tcp://host:port;
// default unix:///var/run/docker.sock). The API version is negotiated (/_ping, /version; 1.41
// or newer), /images/{name}/json and /history give the metadata, and /images/{name}/get is
// streamed straight into the archive reader: no temporary file, no second copy.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/archive_stream.h"
#include "image/image_source.h"
#include "image/layer_reader.h"
#include "util/expected.h"

namespace slimage::image {

// Where the daemon is, from DOCKER_HOST's syntax.
struct EngineEndpoint {
  std::string unix_socket;  // set for unix://
  std::string base_url;     // "http://localhost" for a socket, "http://host:port" for tcp://
  std::string display;      // as the user wrote it, for messages
};
Expected<EngineEndpoint> ParseDockerHost(const std::string& docker_host);

// What the Engine says about an image without exporting it.
struct EngineImageInfo {
  std::string id;                      // "sha256:…" (the config digest)
  std::vector<std::string> repo_tags;
  std::string os, architecture;
  uint64_t size = 0;                   // the daemon's figure (uncompressed)
  std::vector<std::string> diff_ids;   // RootFS.Layers
  struct HistoryItem {
    std::string created_by;
    uint64_t size = 0;
    bool empty_layer = false;          // the Engine reports size 0 for these
  };
  std::vector<HistoryItem> history;    // oldest first
  std::string api_version;             // what was negotiated
};

// True for docker://… and daemon:… (the name follows the prefix).
bool IsEngineReference(const std::string& image);

// `docker_host` "" = $DOCKER_HOST or the default socket.
Expected<EngineImageInfo> InspectEngineImage(const std::string& image, const std::string& docker_host = "");
Expected<StreamedImage> ReadEngineImage(const std::string& image, const OpenOptions& open,
                                        const LayerReadOptions& read, const std::string& docker_host = "");

}  // namespace slimage::image
