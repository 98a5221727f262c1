// Reading whole small files (Dockerfiles, configs) with errors that name the file.
#pragma once

#include <string>

#include "util/expected.h"

namespace slimage {

// Reads `path` fully; "-" reads standard input. Refuses files over `max_bytes`.
Expected<std::string> ReadTextFile(const std::string& path, size_t max_bytes = 64u << 20);

}  // namespace slimage
