#include "image/registry_source.h"

namespace slimage::image {

Expected<LoadedImage> OpenRegistryImage(const std::string& image, const OpenOptions&) {
  return MakeError("{}: registry images are not supported yet", image);
}

}  // namespace slimage::image
