#include "image/layer_entry.h"

namespace slimage::image {

const char* EntryTypeName(EntryType type) {
  switch (type) {
    case EntryType::kFile: return "file";
    case EntryType::kDirectory: return "dir";
    case EntryType::kSymlink: return "symlink";
    case EntryType::kHardlink: return "hardlink";
    case EntryType::kWhiteout: return "whiteout";
    case EntryType::kOpaque: return "opaque";
    case EntryType::kOther: return "other";
  }
  return "other";
}

}  // namespace slimage::image
