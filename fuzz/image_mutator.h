// A structure-aware mutator for image archives (docker save, Docker 25+ and OCI-in-tar).
// Byte-level mutations of an archive die at the first tar header checksum, the JSON parser
// or a sha256 check, so the layer reader, whiteouts and the model never see them. This one
// parses the archive as a tar of members, mutates one thing (an entry of a layer tar, a JSON
// value, a member's header), then writes it back with valid tar checksums and fixes every
// content address that the change broke: a blob named blobs/sha256/<hex> is renamed, and the
// old hex is replaced in every member that names it (manifests, configs' diff_ids, index.json),
// over and over until the archive is consistent again; descriptor sizes follow.
// Used by the image fuzz targets' LLVMFuzzerCustomMutator; the byte mutator is passed in
// (LLVMFuzzerMutate there) so that the rest needs no libFuzzer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::fuzz {

// Mutates data[0, size) in place, returns the new size (<= max_size).
using ByteMutator = std::function<size_t(uint8_t* data, size_t size, size_t max_size)>;

struct TarMember {
  std::array<char, 512> header{};
  std::string data;
  std::string Name() const;              // prefix + "/" + name, as written in the header
  void SetName(const std::string& name);  // into name (and the ustar prefix when over 100 bytes)
  void SetLink(const std::string& link);  // linkname, cut at 100 bytes
  char Type() const { return header[156]; }
};

// Members of a tar up to its end marker; nullopt when a header checksum is wrong or a size
// runs past the end (then the input is mutated as bytes).
std::optional<std::vector<TarMember>> ParseTar(std::string_view bytes);
// Writes the members with their size fields and header checksums recomputed, then the end marker.
std::string WriteTar(const std::vector<TarMember>& members);

// One structure-aware mutation of an archive; returns the new size (<= max_size).
size_t MutateImageArchive(uint8_t* data, size_t size, size_t max_size, unsigned seed, const ByteMutator& mutate);

}  // namespace slimage::fuzz
