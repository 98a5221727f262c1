#include "analysis/library_closure.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "analysis/check_support.h"
#include "analysis/loader_checks.h"
#include "image/elf_scanner.h"

namespace slimage::analysis {
namespace {

constexpr size_t kMaxObjects = 512;  // bounds the walk, as IM301's
constexpr int kMaxSymlinks = 40;     // the kernel's limit: more is a loop

std::vector<std::string> Components(std::string_view path) {
  std::vector<std::string> parts;
  while (!path.empty()) {
    const size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    if (!part.empty()) parts.emplace_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string path;
  for (const std::string& part : parts) path += "/" + part;
  return path.empty() ? "/" : path;
}

std::string HostPath(const std::string& root, const std::string& path) {
  std::string base = root;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

std::optional<image::ElfInfo> ReadElf(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  image::ElfScanner scanner;
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<size_t>(in.gcount());
    if (got == 0) break;
    scanner.Feed(std::as_bytes(std::span(buffer.data(), got)));
  }
  return scanner.Finish();
}

struct Object {
  std::string path;    // where ld.so opens it, inside the root
  std::string source;  // the regular file on this machine
  image::ElfInfo elf;
};

class Walk {
 public:
  explicit Walk(const ClosureRequest& request) : request_(request) {}

  Status Run() {
    if (request_.programs.empty()) return MakeError("rootfs-libs: no program given");
    for (const std::string& program : request_.programs) {
      Expected<Object> object = Load(program, nullptr);
      if (!object) return MakeError("{}: {}", program, object.error().message);
      if (&program == &request_.programs.front()) first_ = *object;
      Enqueue(std::move(*object));
    }
    for (const std::string& name : request_.dlopened) {
      if (Status found = Need(name, first_, "dlopen by " + first_.path); !found) return found;
    }
    while (!queue_.empty()) {
      const Object object = std::move(queue_.front());
      queue_.pop_front();
      if (!object.elf.interpreter.empty()) {
        Expected<Object> interpreter = Load(object.elf.interpreter, &object.elf);
        if (!interpreter) {
          return MakeError("{} (interpreter of {}): {}", object.elf.interpreter, object.path, interpreter.error().message);
        }
        // libc.so.6 needs the loader by its soname: ld.so has it loaded already
        names_.insert({std::string(BaseName(object.elf.interpreter)), object.elf.machine});
        Add(*interpreter);
        Enqueue(std::move(*interpreter));
      }
      if (!object.elf.dynamic_complete) return MakeError("{}: the dynamic section cannot be read in full", object.path);
      for (const std::string& name : object.elf.needed) {
        if (Status found = Need(name, object, object.path); !found) return found;
      }
    }
    if (too_many_) return MakeError("rootfs-libs: more than {} objects to load", kMaxObjects);
    return {};
  }

  std::vector<ClosureFile> Files() const {
    std::vector<ClosureFile> files;
    for (const auto& [dest, source] : dest_to_source_) files.push_back({source, dest});
    return files;
  }

 private:
  // The object at `path` inside the root: a regular file (after symlinks), an ELF, and of
  // the class and machine of `like` when given (ld.so skips a library of another one).
  Expected<Object> Load(const std::string& path, const image::ElfInfo* like) const {
    const std::string resolved = ResolveInRoot(request_.root, path);
    struct stat info {};
    if (resolved.empty() || ::stat(HostPath(request_.root, resolved).c_str(), &info) != 0) {
      return MakeError("not found in {}", request_.root);
    }
    if (!S_ISREG(info.st_mode)) return MakeError("not a regular file");
    std::optional<image::ElfInfo> elf = ReadElf(HostPath(request_.root, resolved));
    if (!elf) return MakeError("not an ELF file");
    if (like && (elf->machine != like->machine || elf->is_64_bit != like->is_64_bit)) {
      return MakeError("an ELF file for another machine");
    }
    return Object{path, HostPath(request_.root, resolved), std::move(*elf)};
  }

  // Finds `name`, needed by `object`, and queues it when it is new.
  Status Need(const std::string& name, const Object& object, const std::string& who) {
    if (!names_.insert({name, object.elf.machine}).second) return {};
    if (name.find('/') != std::string::npos) {  // a path: used as it is
      Expected<Object> found = Load(name, &object.elf);
      if (!found) return MakeError("{} (needed by {}): {}", name, who, found.error().message);
      Add(*found);
      Enqueue(std::move(*found));
      return {};
    }
    const std::vector<std::string> defaults = DefaultLibraryDirs(object.elf.machine, object.elf.is_64_bit);
    std::vector<std::pair<std::string, bool>> dirs;  // (dir, from library_path)
    auto add = [&](const std::vector<std::string>& list, std::string_view origin, bool extra) {
      for (const std::string& dir : list) {
        if (std::optional<std::string> expanded = ExpandSearchDir(dir, origin)) dirs.emplace_back(std::move(*expanded), extra);
      }
    };
    if (object.elf.runpath.empty()) {
      add(object.elf.rpath, object.path, false);
      if (object.path != first_.path && first_.elf.runpath.empty()) add(first_.elf.rpath, first_.path, false);
    }
    add(request_.library_path, object.path, true);
    add(object.elf.runpath, object.path, false);
    add(defaults, object.path, false);
    for (const auto& [dir, extra] : dirs) {
      Expected<Object> found = Load(dir + "/" + name, &object.elf);
      if (!found) continue;
      // Found through library_path: the new image has no such setting, so it goes where
      // ld.so looks first. A $ORIGIN/.. directory is written as the path it names.
      found->path = extra ? defaults.front() + "/" + name
                          : std::filesystem::path(found->path).lexically_normal().string();
      Add(*found);
      Enqueue(std::move(*found));
      return {};
    }
    return MakeError("{} (needed by {}) not found in {}", name, who, request_.root);
  }

  void Add(const Object& object) { dest_to_source_.emplace(object.path, object.source); }

  // Each file is read for its own needs once, whatever names it is loaded by.
  void Enqueue(Object object) {
    if (scanned_.count(object.source) != 0) return;
    if (scanned_.size() >= kMaxObjects) {
      too_many_ = true;
      return;
    }
    scanned_.insert(object.source);
    queue_.push_back(std::move(object));
  }

  const ClosureRequest& request_;
  Object first_;
  std::deque<Object> queue_;
  std::set<std::string> scanned_;
  std::set<std::pair<std::string, uint16_t>> names_;
  std::map<std::string, std::string> dest_to_source_;
  bool too_many_ = false;
};

}  // namespace

Expected<std::vector<ClosureFile>> LibraryClosure(const ClosureRequest& request) {
  Walk walk(request);
  if (Status done = walk.Run(); !done) return done.error();
  return walk.Files();
}

std::string ResolveInRoot(const std::string& root, const std::string& path) {
  std::vector<std::string> resolved;
  std::deque<std::string> pending;
  for (std::string& part : Components(path)) pending.push_back(std::move(part));
  int symlinks = 0;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (!resolved.empty()) resolved.pop_back();
      continue;
    }
    resolved.push_back(part);
    const std::string host = HostPath(root, Join(resolved));
    struct stat info {};
    if (::lstat(host.c_str(), &info) != 0) return "";
    if (!S_ISLNK(info.st_mode)) continue;
    if (++symlinks > kMaxSymlinks) return "";
    std::string target(4096, '\0');
    const ssize_t length = ::readlink(host.c_str(), target.data(), target.size());
    if (length <= 0 || static_cast<size_t>(length) >= target.size()) return "";
    target.resize(static_cast<size_t>(length));
    resolved.pop_back();
    if (target.front() == '/') resolved.clear();
    std::vector<std::string> parts = Components(target);
    pending.insert(pending.begin(), parts.begin(), parts.end());
  }
  return Join(resolved);
}

}  // namespace slimage::analysis
