// The treemap's payload: an analysis::SizeTree as compact JSON (short keys: a 100,000-file
// image must stay a report of a few MB; docs/html-report.md lists them).
#pragma once

#include <nlohmann/json.hpp>

#include "analysis/size_tree.h"

namespace slimage::html {

// {"threshold", "shown_files", "aggregates", "root"}; a node is a directory {"n", "s", "f", "c"},
// a file {"n", "s", "g"} or an aggregate {"k" (files), "s", "g"}; "d" (delta) when with_delta.
// Names go through report::PutText: invalid UTF-8 adds "n_base64".
nlohmann::ordered_json SizeTreeJson(const analysis::SizeTree& tree, bool with_delta);

}  // namespace slimage::html
