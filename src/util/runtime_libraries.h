// The shared libraries slimage opens with dlopen on first use (util/shared_library.h): the
// sonames it was built against and the Debian packages that provide them. One list, so that
// the loaders and `slimage rootfs-libs` (which puts them in the project's own image) agree.
#pragma once

#include <array>
#include <string_view>

namespace slimage {

struct RuntimeLibrary {
  std::string_view soname;
  std::string_view package;  // named in the error when the library cannot be loaded
};

inline constexpr RuntimeLibrary kCurlLibrary{"libcurl.so.4", "libcurl4"};
inline constexpr RuntimeLibrary kArchiveLibrary{"libarchive.so.13", "libarchive13"};
inline constexpr RuntimeLibrary kIsalLibrary{"libisal.so.2", "libisal2"};
inline constexpr RuntimeLibrary kSqliteLibrary{"libsqlite3.so.0", "libsqlite3-0"};

inline constexpr std::array kRuntimeLibraries = {kCurlLibrary, kArchiveLibrary, kIsalLibrary, kSqliteLibrary};

}  // namespace slimage
