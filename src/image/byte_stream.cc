#include "image/byte_stream.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace slimage::image {
namespace {

class SourceStream final : public ByteStream {
 public:
  explicit SourceStream(std::shared_ptr<const ByteSource> source) : source_(std::move(source)) {}
  Expected<size_t> Read(std::span<std::byte> buffer) override {
    auto got = source_->ReadAt(offset_, buffer);
    if (got) offset_ += *got;
    return got;
  }
  const std::string& name() const override { return source_->name(); }

 private:
  std::shared_ptr<const ByteSource> source_;
  uint64_t offset_ = 0;
};

class FdStream final : public ByteStream {
 public:
  FdStream(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  Expected<size_t> Read(std::span<std::byte> buffer) override {
    while (true) {
      ssize_t got = ::read(fd_, buffer.data(), buffer.size());
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return MakeError("{}: read failed: {}", name_, std::strerror(errno));
    }
  }
  const std::string& name() const override { return name_; }

 private:
  int fd_;
  std::string name_;
};

}  // namespace

std::unique_ptr<ByteStream> MakeFdStream(int fd, std::string name) {
  return std::make_unique<FdStream>(fd, std::move(name));
}

std::unique_ptr<ByteStream> MakeSourceStream(std::shared_ptr<const ByteSource> source) {
  return std::make_unique<SourceStream>(std::move(source));
}

Expected<std::string> ReadStreamToString(ByteStream& stream, size_t max_bytes) {
  std::string bytes;
  char buffer[64 * 1024];
  while (true) {
    auto got = stream.Read(std::as_writable_bytes(std::span<char>(buffer)));
    if (!got) return got.error();
    if (*got == 0) return bytes;
    if (bytes.size() + *got > max_bytes) {
      return MakeError("{}: more than the limit of {} bytes", stream.name(), max_bytes);
    }
    bytes.append(buffer, *got);
  }
}

}  // namespace slimage::image
