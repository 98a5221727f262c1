// The files a set of programs needs from a root directory to start and to load their
// libraries, found as ld.so would find them (PT_INTERP, DT_NEEDED with DT_RPATH,
// LD_LIBRARY_PATH, DT_RUNPATH, then the default and multiarch directories of IM301;
// symlinks followed inside the root), each read with the ELF scanner of IM301. It is how
// slimage's own image gets exactly the libraries it loads (`slimage rootfs-libs`).
#pragma once

#include <string>
#include <vector>

#include "util/expected.h"

namespace slimage::analysis {

struct ClosureRequest {
  std::string root = "/";               // the directory tree searched, as if it were `/`
  std::vector<std::string> programs;    // absolute paths inside the root
  // Sonames the first program opens with dlopen: searched as if it needed them.
  std::vector<std::string> dlopened;
  // Searched before DT_RUNPATH, like LD_LIBRARY_PATH (directories inside the root). What is
  // found there goes to the first default directory of the new image, where ld.so finds it
  // without a cache or an environment.
  std::vector<std::string> library_path;
};

struct ClosureFile {
  std::string source;  // the regular file on this machine (root + path, symlinks resolved)
  std::string dest;    // its path in the new image: the interpreter's path, or DIR/SONAME
};

// Sorted by dest. An error names the first library, interpreter or program that cannot be
// found or read, and who needs it.
Expected<std::vector<ClosureFile>> LibraryClosure(const ClosureRequest& request);

// `path` (absolute, inside `root`) with every symlink followed as inside a chroot at `root`:
// absolute targets start again at the root, ".." stops there. Empty when a component is
// missing or there are more than 40 symlinks (a loop).
std::string ResolveInRoot(const std::string& root, const std::string& path);

}  // namespace slimage::analysis
