// Replacing a file's contents atomically: a temporary file in the same folder, written and
// flushed, then renamed over the target, so a reader sees the old file or the new one, never
// half of one. The file's mode is kept; a symlink is followed and its target replaced (the
// link itself stays a link).
#pragma once

#include <string>
#include <string_view>

#include "util/expected.h"

namespace slimage {

Status WriteFileAtomically(const std::string& path, std::string_view contents);
// The same, and a path that does not exist yet is created (mode 0666 less the umask): for
// reports written with --output.
Status CreateOrReplaceFileAtomically(const std::string& path, std::string_view contents);

}  // namespace slimage
