// The files a package manager (or the loader and account tools it runs) must rewrite on
// every operation: its database, its logs, /etc/ld.so.cache, /etc/passwd. A layer that
// installs anything hides the copies below it, and no Dockerfile change avoids that, so
// IM101 and IM102 leave them out of their findings (their bytes still count in `wasted`).
// The list is in docs/image-findings.md.
#pragma once

#include <string_view>

namespace slimage::analysis {

// True for an absolute, normalised path ("/var/lib/dpkg/status") of the list.
bool IsPackageBookkeeping(std::string_view path);

}  // namespace slimage::analysis
