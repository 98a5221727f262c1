#include "image/blob_store.h"

#include <sys/stat.h>

#include <filesystem>
#include <span>
#include <system_error>

#include <fmt/format.h>

namespace slimage::image {
namespace {

class TarStore final : public BlobStore {
 public:
  TarStore(TarIndex index, std::string name) : index_(std::move(index)), name_(std::move(name)) {}
  Expected<std::shared_ptr<const ByteSource>> Open(const std::string& member) const override {
    return index_.Open(member);
  }
  const std::string& name() const override { return name_; }
  std::vector<std::string> TopLevelFiles() const override {
    std::vector<std::string> names;
    for (const auto& [member, info] : index_.members()) {
      if (member.find('/') == std::string::npos && info.type == '0') names.push_back(member);
    }
    return names;
  }

 private:
  TarIndex index_;
  std::string name_;
};

class DirectoryStore final : public BlobStore {
 public:
  explicit DirectoryStore(std::string directory) : directory_(std::move(directory)) {}
  Expected<std::shared_ptr<const ByteSource>> Open(const std::string& member) const override {
    bool escapes = false;
    std::string relative = NormaliseMemberName(member, &escapes);
    if (escapes || relative.empty()) return MakeError("{}: {} points outside the layout", directory_, member);
    std::string path = directory_ + "/" + relative;
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::shared_ptr<const ByteSource>();
    auto file = OpenFileSource(path);
    if (!file) return file.error();
    return std::shared_ptr<const ByteSource>(*file);
  }
  const std::string& name() const override { return directory_; }
  std::vector<std::string> TopLevelFiles() const override {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory_, error)) {
      if (entry.is_regular_file(error)) names.push_back(entry.path().filename().string());
      if (names.size() > 10000) break;
    }
    return names;
  }

 private:
  std::string directory_;
};

// A streamed archive: metadata in memory; layers only as placeholders with their size.
class StreamedStore final : public BlobStore {
 public:
  StreamedStore(const StreamedMembers& members, std::string name) : members_(members), name_(std::move(name)) {}
  Expected<std::shared_ptr<const ByteSource>> Open(const std::string& member) const override {
    bool escapes = false;
    std::string normal = NormaliseMemberName(member, &escapes);
    if (auto it = members_.metadata.find(normal); it != members_.metadata.end()) {
      return std::shared_ptr<const ByteSource>(MakeMemorySource(it->second, name_ + ":" + normal));
    }
    if (auto it = members_.other_sizes.find(normal); it != members_.other_sizes.end()) {
      return std::shared_ptr<const ByteSource>(std::make_shared<PassedSource>(it->second, name_ + ":" + normal));
    }
    return std::shared_ptr<const ByteSource>();
  }
  const std::string& name() const override { return name_; }
  std::vector<std::string> TopLevelFiles() const override {
    std::vector<std::string> names;
    for (const auto& [member, bytes] : members_.metadata) {
      if (member.find('/') == std::string::npos) names.push_back(member);
    }
    return names;
  }

 private:
  // A member that went by in the stream: its size is known, its bytes are gone.
  class PassedSource final : public ByteSource {
   public:
    PassedSource(uint64_t size, std::string name) : size_(size), name_(std::move(name)) {}
    uint64_t size() const override { return size_; }
    const std::string& name() const override { return name_; }
    Expected<size_t> ReadAt(uint64_t, std::span<std::byte>) const override {
      return MakeError("{}: was read as it streamed by; it cannot be read again", name_);
    }

   private:
    uint64_t size_;
    std::string name_;
  };

  const StreamedMembers& members_;
  std::string name_;
};

}  // namespace

std::unique_ptr<BlobStore> MakeTarStore(TarIndex index, std::string name) {
  return std::make_unique<TarStore>(std::move(index), std::move(name));
}

std::unique_ptr<BlobStore> MakeDirectoryStore(std::string directory) {
  return std::make_unique<DirectoryStore>(std::move(directory));
}

std::unique_ptr<BlobStore> MakeStreamedStore(const StreamedMembers& members, std::string name) {
  return std::make_unique<StreamedStore>(members, std::move(name));
}

}  // namespace slimage::image
