// The package databases that are plain text: dpkg's status and apk's installed. Each parser
// takes the file's bytes and appends what it found; a malformed database is an Error.
#pragma once

#include <string_view>
#include <vector>

#include "packages/package.h"
#include "util/expected.h"

namespace slimage::packages {

// RFC 822-style paragraphs; only packages whose Status ends in "installed" count.
// Installed-Size is in KiB. A name seen twice (Multi-Arch: same) gets ":ARCH" on the later ones.
Expected<std::vector<Package>> ParseDpkgStatus(std::string_view text);
// Blank-line separated records of "X:value" lines: P name, V version, I installed bytes.
Expected<std::vector<Package>> ParseApkInstalled(std::string_view text);

}  // namespace slimage::packages
