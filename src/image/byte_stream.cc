#include "image/byte_stream.h"

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

}  // namespace

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
