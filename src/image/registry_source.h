// registry://HOST[:PORT]/NAME[:TAG|@DIGEST]: an image in an OCI distribution registry. The
// manifest and config are fetched at once; each layer blob is requested when it is read
// (LayerDescriptor::open_stream), streamed through decompression and hashing, never stored.
#pragma once

#include <string>

#include "image/image_source.h"
#include "util/expected.h"

namespace slimage::image {

Expected<LoadedImage> OpenRegistryImage(const std::string& image, const OpenOptions& options);

}  // namespace slimage::image
