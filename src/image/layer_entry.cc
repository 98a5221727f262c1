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

namespace {

std::string_view Parent(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// node_modules/NAME or node_modules/@scope/NAME.
bool IsNodePackageDir(std::string_view dir) {
  std::string_view parent = Parent(dir);
  if (BaseName(parent) == "node_modules") return !BaseName(dir).empty() && BaseName(dir).front() != '@';
  return BaseName(dir).size() > 0 && BaseName(parent).size() > 1 && BaseName(parent).front() == '@' &&
         BaseName(Parent(parent)) == "node_modules";
}

}  // namespace

bool IsPackageDatabase(const std::string& path) {
  if (path == "/var/lib/dpkg/status" || path == "/lib/apk/db/installed" ||
      path == "/usr/lib/sysimage/rpm/rpmdb.sqlite" || path == "/var/lib/rpm/rpmdb.sqlite") {
    return true;
  }
  if (path.rfind("/var/lib/dpkg/status.d/", 0) == 0) return path.find('/', 23) == std::string::npos;
  const std::string_view name = BaseName(path);
  if (name == "METADATA" || name == "RECORD") return Parent(path).ends_with(".dist-info");
  if (name == "package.json") return IsNodePackageDir(Parent(path));
  return false;
}

}  // namespace slimage::image
