// One entry of a layer tar as the layer model sees it (never the file's bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "image/elf_scanner.h"
#include "util/boxed.h"

namespace slimage::image {

enum class EntryType {
  kFile,
  kDirectory,
  kSymlink,
  kHardlink,
  kWhiteout,  // ".wh.NAME": `path` is the path it deletes
  kOpaque,    // ".wh..wh..opq": `path` is the directory whose lower contents it hides
  kOther,     // devices, fifos: kept in the tree, no bytes
};

const char* EntryTypeName(EntryType type);  // "file", "dir", "symlink", ...

struct LayerEntry {
  std::string path;          // normalised, absolute, no trailing slash: "/usr/bin/env"; "/" is root
  EntryType type = EntryType::kFile;
  uint64_t size = 0;         // bytes of a regular file; 0 for everything else (hard links too)
  uint32_t mode = 0;         // permission bits and setuid/setgid/sticky
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::string link_target;   // symlink target as written, or the hard link's normalised path
  uint64_t content_hash = 0; // XXH3-64 of a regular file's bytes (0 for other types)
  Boxed<ElfInfo> elf;        // set for regular files that start with the ELF magic (on the heap:
                             // most entries have none, and the model holds 100,000s of them)
  std::string text;          // the bytes of the few small files checks read (IsKeptText), else ""
};

// The dynamic loader's configuration (/etc/ld.so.conf, /etc/ld.so.conf.d/*, musl's
// /etc/ld-musl-*.path): the only file contents the model keeps, up to kMaxKeptText bytes.
bool IsKeptText(const std::string& path);
inline constexpr uint64_t kMaxKeptText = 64 * 1024;

// The package databases `slimage diff` reads (packages/): dpkg's status (and distroless'
// status.d/*), apk's installed, the sqlite rpmdb, pip's *.dist-info/METADATA and RECORD, npm's
// node_modules/[@scope/]NAME/package.json. Their bytes are kept only when the reader is asked
// (LayerReadOptions::keep_package_databases), each file up to kMaxKeptPackageDatabase and at
// most kMaxKeptPackageBytesPerLayer per layer: a file over either cap keeps no bytes.
bool IsPackageDatabase(const std::string& path);
inline constexpr uint64_t kMaxKeptPackageDatabase = 64ull * 1024 * 1024;
inline constexpr uint64_t kMaxKeptPackageBytesPerLayer = 64ull * 1024 * 1024;

}  // namespace slimage::image
