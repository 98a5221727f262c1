// The sizes of official base images that SL201 quotes, compiled in from data/base-images.tsv
// (sourced in data/base-images.SOURCE.md) by scripts/gen-base-images.sh: lint reads no files.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace slimage::rules {

struct BaseImageSize {
  std::string_view family;    // "node"
  std::string_view tag;       // "24-slim"
  std::string_view variant;   // full, slim, alpine, jre, jdk, curl, scm, other
  std::string_view platform;  // "linux/amd64"
  std::uint64_t compressed_bytes = 0;  // what a pull transfers
  std::string_view date;      // when the size was read (the image's build date), YYYY-MM-DD
};

std::span<const BaseImageSize> BaseImageCatalogue();

// The row of family:tag for the platform, if the catalogue has it.
std::optional<BaseImageSize> FindBaseImageSize(std::string_view family, std::string_view tag,
                                               std::string_view platform = "linux/amd64");

}  // namespace slimage::rules
