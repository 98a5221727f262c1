// Reads a `docker save` archive that arrives as a stream (the Engine's /images/{name}/get, or
// stdin) in one pass, without a temporary file: metadata members are kept, each layer member
// is read by ReadLayer while it passes, and at the end the manifest picks and orders them.
// Memory holds the metadata and the layers' entry lists, never file bytes.
#pragma once

#include <string>
#include <vector>

#include "image/byte_stream.h"
#include "image/image_source.h"
#include "image/layer_reader.h"
#include "util/expected.h"

namespace slimage::image {

struct StreamedImage {
  LoadedImage image;                 // layers carry digests and diff_ids, no bytes
  std::vector<LayerContents> layers;  // same order as image.layers
};

// `name` labels errors ("docker://app:1"). Digests and diff_ids are checked as for archives.
Expected<StreamedImage> ReadArchiveStream(ByteStream& archive, const std::string& name, const OpenOptions& open,
                                          const LayerReadOptions& read);

}  // namespace slimage::image
