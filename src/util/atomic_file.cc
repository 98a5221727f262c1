#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace slimage {

namespace {

// `contents` into a temporary file beside `target`, given `mode`, then renamed over it.
Status WriteAndRename(const std::string& path, const std::filesystem::path& target, mode_t mode,
                      std::string_view contents) {
  std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".slimage-XXXXXX")).string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) return MakeError("{}: cannot create a temporary file next to it: {}", path, std::strerror(errno));
  auto fail = [&](const char* what) {
    int saved = errno;
    ::close(fd);
    ::unlink(temporary.c_str());
    return MakeError("{}: {}: {}", path, what, std::strerror(saved));
  };
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("cannot write");
    }
    written += static_cast<size_t>(n);
  }
  if (::fchmod(fd, mode) != 0) return fail("cannot keep the file mode");
  if (::fsync(fd) != 0) return fail("cannot flush");
  if (::close(fd) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    return MakeError("{}: cannot write: {}", path, std::strerror(saved));
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    return MakeError("{}: cannot replace the file: {}", path, std::strerror(saved));
  }
  return {};
}

}  // namespace

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::error_code error;
  std::filesystem::path target = std::filesystem::canonical(path, error);  // follows every symlink
  if (error) return MakeError("{}: cannot resolve the path: {}", path, error.message());
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return MakeError("{}: {}", path, std::strerror(errno));
  return WriteAndRename(path, target, info.st_mode & 07777, contents);
}

Status CreateOrReplaceFileAtomically(const std::string& path, std::string_view contents) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 || errno != ENOENT) return WriteFileAtomically(path, contents);
  // A new file gets the mode open(2) would give it: 0666 less the umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  std::filesystem::path target = std::filesystem::absolute(path);
  return WriteAndRename(path, target, 0666 & ~mask, contents);
}

}  // namespace slimage
