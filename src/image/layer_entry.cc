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

bool IsKeptText(const std::string& path) {
  if (path == "/etc/ld.so.conf" || path.rfind("/etc/ld.so.conf.d/", 0) == 0) return true;
  return path.rfind("/etc/ld-musl-", 0) == 0 && path.size() > 18 && path.ends_with(".path");
}

}  // namespace slimage::image
