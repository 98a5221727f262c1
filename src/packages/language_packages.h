// The per-package metadata files of pip (*.dist-info/METADATA and RECORD) and npm
// (node_modules/…/package.json). A malformed file is an Error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/expected.h"

namespace slimage::packages {

struct NameVersion {
  std::string name;
  std::string version;
};

// The Name: and Version: headers of a core-metadata file (RFC 822 headers up to the first blank line).
Expected<NameVersion> ParsePipMetadata(std::string_view text);
// Sum of the size column (the last one) of a RECORD file (CSV: path,hash,size; size may be empty).
Expected<uint64_t> PipRecordSize(std::string_view text);
// "name" and "version" of a package.json (either may be absent: empty strings).
Expected<NameVersion> ParseNpmPackageJson(std::string_view text);

}  // namespace slimage::packages
