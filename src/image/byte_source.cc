#include "image/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace slimage::image {
namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(int fd, uint64_t size, std::string name) : fd_(fd), size_(size), name_(std::move(name)) {}
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }

  Expected<size_t> ReadAt(uint64_t offset, std::span<std::byte> buffer) const override {
    if (offset >= size_) return size_t{0};
    size_t wanted = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size_ - offset));
    size_t done = 0;
    while (done < wanted) {
      ssize_t got = ::pread(fd_, buffer.data() + done, wanted - done, static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        return MakeError("{}: read failed: {}", name_, std::strerror(errno));
      }
      if (got == 0) break;  // the file shrank under us
      done += static_cast<size_t>(got);
    }
    return done;
  }

 private:
  int fd_;
  uint64_t size_;
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string name) : bytes_(std::move(bytes)), name_(std::move(name)) {}
  uint64_t size() const override { return bytes_.size(); }
  const std::string& name() const override { return name_; }
  Expected<size_t> ReadAt(uint64_t offset, std::span<std::byte> buffer) const override {
    if (offset >= bytes_.size()) return size_t{0};
    size_t n = std::min<size_t>(buffer.size(), bytes_.size() - static_cast<size_t>(offset));
    std::memcpy(buffer.data(), bytes_.data() + offset, n);
    return n;
  }

 private:
  std::string bytes_;
  std::string name_;
};

class SliceSource final : public ByteSource {
 public:
  SliceSource(std::shared_ptr<const ByteSource> parent, uint64_t offset, uint64_t length, std::string name)
      : parent_(std::move(parent)), offset_(offset), length_(length), name_(std::move(name)) {}
  uint64_t size() const override { return length_; }
  const std::string& name() const override { return name_; }
  Expected<size_t> ReadAt(uint64_t offset, std::span<std::byte> buffer) const override {
    if (offset >= length_) return size_t{0};
    size_t n = static_cast<size_t>(std::min<uint64_t>(buffer.size(), length_ - offset));
    return parent_->ReadAt(offset_ + offset, buffer.first(n));
  }

 private:
  std::shared_ptr<const ByteSource> parent_;
  uint64_t offset_;
  uint64_t length_;
  std::string name_;
};

}  // namespace

Expected<std::shared_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeError("{}: cannot open: {}", path, std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return MakeError("{}: not a regular file", path);
  }
  return std::shared_ptr<ByteSource>(
      std::make_shared<FileSource>(fd, static_cast<uint64_t>(info.st_size), path));
}

std::shared_ptr<ByteSource> MakeMemorySource(std::string bytes, std::string name) {
  return std::make_shared<MemorySource>(std::move(bytes), std::move(name));
}

std::shared_ptr<ByteSource> MakeSliceSource(std::shared_ptr<const ByteSource> parent, uint64_t offset,
                                            uint64_t length, std::string name) {
  return std::make_shared<SliceSource>(std::move(parent), offset, length, std::move(name));
}

Expected<std::string> ReadAll(const ByteSource& source, size_t max_bytes) {
  if (source.size() > max_bytes) {
    return MakeError("{}: {} bytes is over the limit of {} bytes", source.name(), source.size(), max_bytes);
  }
  std::string bytes(static_cast<size_t>(source.size()), '\0');
  auto got = source.ReadAt(0, std::as_writable_bytes(std::span<char>(bytes)));
  if (!got) return got.error();
  if (*got != bytes.size()) return MakeError("{}: truncated ({} of {} bytes)", source.name(), *got, bytes.size());
  return bytes;
}

}  // namespace slimage::image
