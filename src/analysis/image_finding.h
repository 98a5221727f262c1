// A finding of `slimage analyze` (rules IM101-IM303 of rules.md). Plain data: the text, JSON
// and HTML renderers only print it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/severity.h"

namespace slimage::analysis {

struct ImageFinding {
  std::string rule;                 // "IM201"
  Severity severity = Severity::kWarning;
  std::optional<int> layer;         // index into the image's history entries (as in the JSON "layers")
  std::string path;                 // "/var/lib/apt/lists" (empty when the finding is image-wide)
  uint64_t bytes = 0;               // bytes at stake
  std::string message;              // one line, names what was found
  std::vector<std::string> details; // further lines: top paths, what is missing, ...
};

}  // namespace slimage::analysis
