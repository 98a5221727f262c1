#include "html/assets.h"

namespace slimage::html {

std::string_view Asset(std::string_view name) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    if (asset.name == name) return asset.text;
  }
  return {};
}

}  // namespace slimage::html
