// An rpm header blob as the sqlite rpmdb stores it (Packages.blob): index count and data
// length (big-endian int32), the index entries (tag, type, offset, count), then the data.
// Every offset and count is checked against the blob; a bad blob is an Error.
#pragma once

#include <cstddef>
#include <span>

#include "packages/package.h"
#include "util/expected.h"

namespace slimage::packages {

// NAME, VERSION, RELEASE, EPOCH, ARCH and LONGSIZE (else SIZE). The version is
// "[EPOCH:]VERSION-RELEASE"; `arch` receives ARCH ("" when absent).
Expected<Package> ParseRpmHeader(std::span<const std::byte> blob, std::string* arch = nullptr);

}  // namespace slimage::packages
