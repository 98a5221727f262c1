#include "analysis/loader_checks.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "analysis/check_support.h"
#include "analysis/loader_config.h"
#include <fmt/ranges.h>

#include "util/size.h"

namespace slimage::analysis {
namespace {

constexpr size_t kMaxLibrariesPerExecutable = 512;  // bounds the walk of a hostile image

std::vector<std::string_view> Triplets(uint16_t machine) {
  switch (machine) {
    case 62: return {"x86_64-linux-gnu"};
    case 183: return {"aarch64-linux-gnu"};
    case 3: return {"i386-linux-gnu"};
    case 40: return {"arm-linux-gnueabihf", "arm-linux-gnueabi"};
    case 21: return {"powerpc64le-linux-gnu", "powerpc64-linux-gnu"};
    case 22: return {"s390x-linux-gnu"};
    case 243: return {"riscv64-linux-gnu"};
    default:
      return {"x86_64-linux-gnu", "aarch64-linux-gnu", "i386-linux-gnu", "arm-linux-gnueabihf",
              "powerpc64le-linux-gnu", "s390x-linux-gnu", "riscv64-linux-gnu"};
  }
}

struct ArchitectureMachine {
  std::string_view architecture;  // as the image config writes it (GOARCH), or a common alias
  uint16_t machine;
  std::optional<bool> little_endian;  // when the machine comes in both byte orders
};

constexpr uint16_t kEmMips = 8;
constexpr ArchitectureMachine kArchitectureMachines[] = {
    {"amd64", 62, true},    {"x86_64", 62, true},    {"arm64", 183, true},   {"aarch64", 183, true},
    {"arm", 40, true},      {"386", 3, true},        {"i386", 3, true},      {"ppc64le", 21, true},
    {"ppc64", 21, false},   {"s390x", 22, false},    {"riscv64", 243, true}, {"loong64", 258, true},
    {"mips", kEmMips, false}, {"mipsle", kEmMips, true}, {"mips64", kEmMips, false},
    {"mips64le", kEmMips, true},
};

constexpr uint16_t kEtExec = 2;
constexpr uint16_t kEtDyn = 3;
constexpr uint8_t kOsAbiSystemV = 0;
constexpr uint8_t kOsAbiGnuLinux = 3;

std::vector<std::string> LdLibraryPath(const ImageModel& model) {
  std::vector<std::string> dirs;
  const nlohmann::json config = nlohmann::json::parse(model.config_json, nullptr, false);
  if (!config.is_object()) return dirs;
  const auto inner = config.find("config");
  const nlohmann::json& settings = inner != config.end() && inner->is_object() ? *inner : config;
  const auto env = settings.find("Env");
  if (env == settings.end() || !env->is_array()) return dirs;
  for (const nlohmann::json& item : *env) {
    if (!item.is_string()) continue;
    const std::string& text = item.get_ref<const std::string&>();
    if (text.rfind("LD_LIBRARY_PATH=", 0) != 0) continue;
    std::string_view value = std::string_view(text).substr(16);
    while (!value.empty()) {
      const size_t colon = value.find(':');
      if (colon != 0) dirs.emplace_back(value.substr(0, colon));
      if (colon == std::string_view::npos) break;
      value.remove_prefix(colon + 1);
    }
  }
  return dirs;
}

class LibraryResolver {
 public:
  explicit LibraryResolver(const ImageModel& model)
      : model_(model), view_(model), ld_library_path_(LdLibraryPath(model)), loader_config_(ReadLoaderConfig(model)) {
    // When the loader's configuration cannot be fully read, a library found anywhere in the
    // image by name counts as found rather than risking a false "cannot start".
    if (loader_config_.incomplete) {
      for (const auto& [path, node] : model.filesystem) {
        if (node.entry.type != image::EntryType::kDirectory) basenames_.insert(std::string(BaseName(path)));
      }
    }
  }

  enum class Outcome { kFound, kMissing, kUnknown };

  struct Lookup {
    Outcome outcome = Outcome::kMissing;
    std::string path;                // the resolved file when found
    const image::ElfInfo* elf = nullptr;
  };

  // Finds `name` needed by the object at `object_path` (with `object`'s search paths) for
  // an executable whose RPATH applies too when it has no RUNPATH.
  Lookup Find(const std::string& name, const std::string& object_path, const image::ElfInfo& object,
              const std::string& exe_path, const image::ElfInfo& exe) {
    if (name.find('/') != std::string::npos) {  // a path: used as is
      if (name.front() != '/') return {Outcome::kUnknown, "", nullptr};
      return Check(name, object);
    }
    std::vector<std::string> dirs;
    bool unknown_dir = false;
    auto add = [&](const std::vector<std::string>& list, std::string_view origin) {
      for (const std::string& dir : list) {
        std::optional<std::string> expanded = ExpandSearchDir(dir, origin);
        if (!expanded) {
          unknown_dir = true;
          continue;
        }
        dirs.push_back(std::move(*expanded));
      }
    };
    if (object.runpath.empty()) {
      add(object.rpath, object_path);
      if (&object != &exe && exe.runpath.empty()) add(exe.rpath, exe_path);
    }
    add(ld_library_path_, object_path);
    add(object.runpath, object_path);
    dirs.insert(dirs.end(), loader_config_.dirs.begin(), loader_config_.dirs.end());
    for (std::string& dir : DefaultLibraryDirs(object.machine, object.is_64_bit)) dirs.push_back(std::move(dir));
    for (const std::string& dir : dirs) {
      Lookup found = Check(dir + "/" + name, object);
      if (found.outcome == Outcome::kFound) return found;
    }
    if (unknown_dir || (loader_config_.incomplete && basenames_.count(name) != 0)) return {Outcome::kUnknown, "", nullptr};
    return {Outcome::kMissing, "", nullptr};
  }

  // A file that exists, and, when we know its ELF header, is of the same class and machine.
  // Memoised: every executable looks for libc along the same directories.
  Lookup Check(const std::string& path, const image::ElfInfo& wanted) {
    const std::string key = fmt::format("{}:{}:{}", wanted.machine, wanted.is_64_bit ? 64 : 32, path);
    const auto cached = checked_.find(key);
    if (cached != checked_.end()) return cached->second;
    Lookup result = CheckUncached(path, wanted);
    checked_.emplace(key, result);
    return result;
  }

 private:
  Lookup CheckUncached(const std::string& path, const image::ElfInfo& wanted) const {
    const std::optional<FilesystemView::Found> found = view_.Resolve(path);
    if (!found || found->node == nullptr) return {Outcome::kMissing, "", nullptr};
    const image::LayerEntry* entry = &found->node->entry;
    if (entry->type == image::EntryType::kHardlink) {
      const auto target = model_.filesystem.find(entry->link_target);
      if (target == model_.filesystem.end()) return {Outcome::kMissing, "", nullptr};
      entry = &target->second.entry;
    }
    if (entry->type != image::EntryType::kFile) return {Outcome::kMissing, "", nullptr};
    if (entry->elf && (entry->elf->is_64_bit != wanted.is_64_bit || entry->elf->machine != wanted.machine)) {
      return {Outcome::kMissing, "", nullptr};  // ld.so skips a library of another architecture
    }
    return {Outcome::kFound, found->path, entry->elf ? &*entry->elf : nullptr};
  }

  const ImageModel& model_;
  FilesystemView view_;
  std::vector<std::string> ld_library_path_;
  LoaderConfig loader_config_;
  std::unordered_set<std::string> basenames_;
  std::unordered_map<std::string, Lookup> checked_;
};

}  // namespace

bool IsStartableOn(const image::ElfInfo& elf, std::string_view architecture) {
  // ET_EXEC without PT_INTERP is static: it needs nothing from the image either.
  if (elf.interpreter.empty() || (elf.type != kEtExec && elf.type != kEtDyn)) return false;
  if (elf.os_abi != kOsAbiSystemV && elf.os_abi != kOsAbiGnuLinux) return false;  // FreeBSD, Solaris, …
  if (architecture.empty()) return true;  // nothing to compare with
  for (const ArchitectureMachine& known : kArchitectureMachines) {
    if (known.architecture != architecture) continue;
    return elf.machine == known.machine && (!known.little_endian || *known.little_endian == elf.little_endian);
  }
  return false;  // an architecture we cannot map: no ELF is known to be its own
}

std::vector<std::string> DefaultLibraryDirs(uint16_t machine, bool is_64_bit) {
  std::vector<std::string> dirs;
  for (std::string_view triplet : Triplets(machine)) {
    dirs.push_back("/lib/" + std::string(triplet));
    dirs.push_back("/usr/lib/" + std::string(triplet));
  }
  if (is_64_bit) {
    for (const char* dir : {"/lib64", "/usr/lib64", "/lib", "/usr/lib"}) dirs.emplace_back(dir);
  } else {
    for (const char* dir : {"/lib", "/usr/lib", "/lib32", "/usr/lib32"}) dirs.emplace_back(dir);
  }
  dirs.emplace_back("/usr/local/lib");  // musl's default, and glibc's through Debian's libc.conf
  return dirs;
}

std::vector<ImageFinding> CheckMissingLibraries(const ImageModel& model) {
  LibraryResolver resolver(model);
  std::vector<ImageFinding> findings;
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type != image::EntryType::kFile || !node.entry.elf) continue;
    const image::ElfInfo& exe = *node.entry.elf;
    // Static programs, libraries, and ELF files for another machine or OS (test data,
    // cross toolchains) are never started by this image's kernel and loader.
    if (!IsStartableOn(exe, model.architecture)) continue;
    std::vector<std::string> missing;
    std::vector<std::string> details;
    const LibraryResolver::Lookup interpreter = resolver.Check(exe.interpreter, exe);
    if (interpreter.outcome != LibraryResolver::Outcome::kFound) {
      missing.push_back(exe.interpreter + " (interpreter)");
      details.push_back(fmt::format("missing program interpreter {}", exe.interpreter));
    }
    if (exe.dynamic_complete) {
      // Breadth first over the needed libraries, each looked up once.
      std::deque<std::pair<std::string, const image::ElfInfo*>> queue{{path, &exe}};
      std::set<std::string> seen_names;
      std::set<std::string> visited{path};
      while (!queue.empty() && visited.size() < kMaxLibrariesPerExecutable) {
        const auto [object_path, object] = queue.front();
        queue.pop_front();
        for (const std::string& name : object->needed) {
          if (!seen_names.insert(name).second) continue;
          const LibraryResolver::Lookup lib = resolver.Find(name, object_path, *object, path, exe);
          if (lib.outcome == LibraryResolver::Outcome::kMissing) {
            missing.push_back(name);
            details.push_back(object_path == path ? fmt::format("missing library {}", name)
                                                  : fmt::format("missing library {} (needed by {})", name, object_path));
          } else if (lib.outcome == LibraryResolver::Outcome::kFound && lib.elf != nullptr &&
                     lib.elf->dynamic_complete && visited.insert(lib.path).second) {
            queue.emplace_back(lib.path, lib.elf);
          }
        }
      }
    }
    if (missing.empty()) continue;
    ImageFinding finding;
    finding.rule = "IM301";
    finding.severity = Severity::kError;
    finding.layer = HistoryIndexOf(model, node.layer);
    finding.path = path;
    finding.bytes = node.entry.size;
    finding.message = fmt::format("{} cannot start: missing {}", path, fmt::join(missing, ", "));
    finding.details = std::move(details);
    finding.details.push_back(fmt::format("copied in by {}", LayerLabel(model, node.layer)));
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<ImageFinding> CheckShell(const ImageModel& model) {
  if (model.metrics.has_shell) return {};
  ImageFinding finding;
  finding.rule = "IM302";
  finding.severity = Severity::kInfo;
  finding.path = "/bin/sh";
  finding.message = "no shell in the image (/bin/sh absent): `docker exec … sh` will not work (see SL801)";
  return {finding};
}

std::vector<ImageFinding> CheckLargestFiles(const ImageModel& model, int top) {
  std::vector<const FinalNode*> files;
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type == image::EntryType::kFile && node.entry.size > 0) files.push_back(&node);
  }
  const size_t shown = std::min(files.size(), static_cast<size_t>(std::max(top, 0)));
  std::partial_sort(files.begin(), files.begin() + static_cast<std::ptrdiff_t>(shown), files.end(),
                    [](const FinalNode* a, const FinalNode* b) {
                      return a->entry.size != b->entry.size ? a->entry.size > b->entry.size : a->entry.path < b->entry.path;
                    });
  std::vector<ImageFinding> findings;
  for (size_t i = 0; i < shown; ++i) {
    const FinalNode& node = *files[i];
    ImageFinding finding;
    finding.rule = "IM303";
    finding.severity = Severity::kInfo;
    finding.layer = HistoryIndexOf(model, node.layer);
    finding.path = node.entry.path;
    finding.bytes = node.entry.size;
    finding.message = fmt::format("largest file #{}: {}", i + 1, node.entry.path);
    finding.details.push_back(fmt::format("written by {}", LayerLabel(model, node.layer)));
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace slimage::analysis
