// The HTML report's scripts, styles and vendored libraries (src/html/assets/), compiled into
// the binary as string literals by cmake/EmbedAssets.cmake: a report needs no file beside the
// binary and no network.
#pragma once

#include <span>
#include <string_view>

namespace slimage::html {

struct EmbeddedAsset {
  std::string_view name;  // relative to src/html/assets/: "report.css", "vendor/d3-hierarchy.min.js"
  std::string_view text;
};

// Every asset, by name (defined in the generated html_assets.cc).
std::span<const EmbeddedAsset> EmbeddedAssets();
// The asset named `name`; "" when there is none (a build without it is a bug the tests catch).
std::string_view Asset(std::string_view name);

}  // namespace slimage::html
