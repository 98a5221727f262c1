// What every image check shares: paths, the layer a byte came from, grouping bytes by
// layer, and the final-filesystem lookup that follows symlinks inside the image.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::analysis {

// True when `path` is `dir` or lies beneath it ("/a/b" is under "/a", "/ab" is not).
bool IsUnder(std::string_view path, std::string_view dir);
std::string_view BaseName(std::string_view path);
std::string_view DirName(std::string_view path);  // "/a/b" -> "/a", "/a" -> "/"
// A DT_RUNPATH/DT_RPATH directory as ld.so reads it: $ORIGIN and ${ORIGIN} become the directory
// of the object; nullopt for other tokens ($LIB, $PLATFORM) and relative directories, which
// depend on the running system (IM301's checks and `slimage rootfs-libs`).
std::optional<std::string> ExpandSearchDir(const std::string& dir, std::string_view object_path);

// The history index the JSON "layers" use for a filesystem layer (nullopt if unknown).
std::optional<int> HistoryIndexOf(const ImageModel& model, int layer);
// "layer 3 (RUN apt-get update)": the history index and the instruction, shortened.
std::string LayerLabel(const ImageModel& model, int layer);
// The instruction without the "/bin/sh -c #(nop)" noise, at most `max_chars` long.
std::string ShortInstruction(std::string_view created_by, size_t max_chars = 80);

// Bytes found under some root, by the layer that wrote them, with the largest paths.
struct ByteTally {
  uint64_t bytes = 0;
  std::map<int, uint64_t> by_layer;              // filesystem layer -> bytes
  std::vector<std::pair<uint64_t, std::string>> paths;  // (bytes, path)

  void Add(const std::string& path, uint64_t size, int layer);
  int TopLayer() const;  // the layer that wrote the most (lowest index on ties)
};

// A finding for a tally: layer = the top layer, details = the largest paths (up to `top`),
// then the bytes per layer when several layers contributed.
ImageFinding TallyFinding(const ImageModel& model, std::string rule, Severity severity, std::string path,
                          std::string message, const ByteTally& tally, int top);

// Looks paths up in the final filesystem as the kernel would: every component, symlinks
// followed (at most 40 hops, never above "/"), directories implied by deeper entries
// accepted. Returns the final path of what was found.
class FilesystemView {
 public:
  explicit FilesystemView(const ImageModel& model) : model_(model) {}

  // The resolved path and its node (nullptr for an implied directory or "/"); nullopt when
  // the path or a link on the way does not exist, or links loop.
  struct Found {
    std::string path;
    const FinalNode* node = nullptr;
  };
  std::optional<Found> Resolve(std::string_view path) const;
  // True when `path` resolves to a regular file (or a hard link to one).
  bool IsFile(std::string_view path) const;

 private:
  bool IsImpliedDirectory(const std::string& path) const;

  const ImageModel& model_;
};

}  // namespace slimage::analysis
