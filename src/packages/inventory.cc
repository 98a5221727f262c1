#include "packages/inventory.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "image/layer_entry.h"
#include "packages/language_packages.h"
#include "packages/rpmdb.h"
#include "packages/text_databases.h"
#include "util/size.h"

namespace slimage::packages {
namespace {

using analysis::FinalNode;
using analysis::ImageModel;

std::string ParentOf(const std::string& path) { return path.substr(0, path.rfind('/')); }

// PEP 503: names compare lower case, with runs of '-', '_' and '.' as one '-'.
std::string NormalisePipName(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (out.empty() || out.back() != '-') out += '-';
    } else {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return out;
}

// Regular-file bytes beneath `dir` in the final filesystem, nested node_modules excluded.
uint64_t BytesBeneath(const ImageModel& model, const std::string& dir) {
  const std::string prefix = dir + "/";
  const std::string nested = dir + "/node_modules/";
  uint64_t total = 0;
  for (auto it = model.filesystem.lower_bound(prefix); it != model.filesystem.end(); ++it) {
    if (it->first.compare(0, prefix.size(), prefix) != 0) break;
    if (it->first.compare(0, nested.size(), nested) == 0) continue;
    if (it->second.entry.type == image::EntryType::kFile) total += it->second.entry.size;
  }
  return total;
}

class Reader {
 public:
  explicit Reader(const ImageModel& model) : model_(model) {}

  PackageInventory Run() {
    for (const auto& [path, node] : model_.filesystem) {
      if (node.entry.type != image::EntryType::kFile || !image::IsPackageDatabase(path)) continue;
      Read(path, node);
    }
    for (const auto& [dir, files] : dist_info_) ReadDistInfo(dir, files);
    return Finish();
  }

 private:
  struct DistInfo {
    const FinalNode* metadata = nullptr;
    const FinalNode* record = nullptr;
  };

  static std::string ManagerOf(const std::string& path) {
    if (path.rfind("/var/lib/dpkg/", 0) == 0) return "dpkg";
    if (path == "/lib/apk/db/installed") return "apk";
    if (path.ends_with("rpmdb.sqlite")) return "rpm";
    if (path.ends_with("/package.json")) return "npm";
    return "pip";
  }

  // The bytes of a database, or a problem when the reader did not keep them.
  bool Kept(const std::string& path, const FinalNode& node) {
    if (node.entry.size == 0 || !node.entry.text.empty()) return true;
    Problem(ManagerOf(path), path,
            fmt::format("not read: {} is over the {} cap on kept package database bytes",
                        FormatSize(node.entry.size), FormatSize(image::kMaxKeptPackageDatabase)));
    return false;
  }

  void Problem(const std::string& manager, const std::string& path, const std::string& message) {
    inventory_.problems.push_back({manager, path, message});
  }

  void Add(std::vector<Package> packages) {
    for (Package& package : packages) found_.push_back(std::move(package));
  }

  void Read(const std::string& path, const FinalNode& node) {
    const std::string manager = ManagerOf(path);
    if (manager == "pip") {
      DistInfo& info = dist_info_[ParentOf(path)];
      (path.ends_with("/METADATA") ? info.metadata : info.record) = &node;
      return;
    }
    if (!Kept(path, node)) return;
    const std::string& text = node.entry.text;
    if (manager == "dpkg" || manager == "apk") {
      auto parsed = manager == "dpkg" ? ParseDpkgStatus(text) : ParseApkInstalled(text);
      if (!parsed) return Problem(manager, path, parsed.error().message);
      return Add(std::move(*parsed));
    }
    if (manager == "rpm") {
      if (rpm_read_) return;  // both locations: the first (usr/lib/sysimage sorts first) wins
      rpm_read_ = true;
      auto parsed = ReadRpmdbSqlite(text);
      if (!parsed) return Problem(manager, path, parsed.error().message);
      return Add(std::move(*parsed));
    }
    auto parsed = ParseNpmPackageJson(text);
    if (!parsed) return Problem(manager, path, parsed.error().message);
    const std::string dir = ParentOf(path);
    Package package;
    package.manager = "npm";
    package.name = parsed->name.empty() ? dir.substr(dir.rfind("/node_modules/") + 14) : parsed->name;
    package.version = parsed->version;
    package.size = BytesBeneath(model_, dir);
    found_.push_back(std::move(package));
  }

  void ReadDistInfo(const std::string& dir, const DistInfo& files) {
    if (files.metadata == nullptr) return;  // a RECORD alone names no package
    const std::string metadata_path = dir + "/METADATA";
    if (!Kept(metadata_path, *files.metadata)) return;
    auto parsed = ParsePipMetadata(files.metadata->entry.text);
    if (!parsed) return Problem("pip", metadata_path, parsed.error().message);
    Package package;
    package.manager = "pip";
    package.name = NormalisePipName(parsed->name);
    package.version = parsed->version;
    if (files.record != nullptr && Kept(dir + "/RECORD", *files.record)) {
      auto size = PipRecordSize(files.record->entry.text);
      if (!size) return Problem("pip", dir + "/RECORD", size.error().message);
      package.size = *size;
    }
    found_.push_back(std::move(package));
  }

  // One row per manager and name: copies at several places (pip in two site-packages, npm
  // nested versions) add their sizes and list their versions.
  PackageInventory Finish() {
    std::map<std::pair<std::string, std::string>, std::pair<std::set<std::string>, uint64_t>> merged;
    for (const Package& package : found_) {
      auto& [versions, size] = merged[{package.manager, package.name}];
      versions.insert(package.version);
      size += package.size;
    }
    for (const auto& [key, value] : merged) {
      Package package;
      package.manager = key.first;
      package.name = key.second;
      for (const std::string& version : value.first) {
        if (!package.version.empty()) package.version += ", ";
        package.version += version;
      }
      package.size = value.second;
      inventory_.packages.push_back(std::move(package));
    }
    return std::move(inventory_);
  }

  const ImageModel& model_;
  std::map<std::string, DistInfo> dist_info_;
  std::vector<Package> found_;
  bool rpm_read_ = false;
  PackageInventory inventory_;
};

}  // namespace

PackageInventory ReadPackages(const ImageModel& model) { return Reader(model).Run(); }

}  // namespace slimage::packages
