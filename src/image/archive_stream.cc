#include "image/archive_stream.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "image/archive_library.h"
#include "image/tar_index.h"

namespace slimage::image {
namespace {

constexpr size_t kMaxMembers = 1'000'000;
constexpr size_t kMaxMetadataTotal = 64u << 20;
constexpr size_t kPeekBytes = 512;

struct OuterState {
  const ArchiveLibrary* libarchive = nullptr;
  ByteStream* stream = nullptr;
  std::vector<std::byte> buffer = std::vector<std::byte>(1u << 20);
  std::optional<Error> error;
};

la_ssize_t ReadOuter(struct archive* archive, void* opaque, const void** data) {
  auto* state = static_cast<OuterState*>(opaque);
  auto got = state->stream->Read(state->buffer);
  if (!got) {
    state->error = got.error();
    state->libarchive->set_error(archive, EIO, "%s", got.error().message.c_str());
    return -1;
  }
  *data = state->buffer.data();
  return static_cast<la_ssize_t>(*got);
}

// The data of the current outer member: the peeked prefix, then the rest from libarchive.
class MemberStream final : public ByteStream {
 public:
  MemberStream(const ArchiveLibrary& libarchive, struct archive* archive, std::string prefix, std::string name)
      : libarchive_(libarchive), archive_(archive), prefix_(std::move(prefix)), name_(std::move(name)) {}
  Expected<size_t> Read(std::span<std::byte> buffer) override {
    if (offset_ < prefix_.size()) {
      size_t n = std::min(buffer.size(), prefix_.size() - offset_);
      std::memcpy(buffer.data(), prefix_.data() + offset_, n);
      offset_ += n;
      return n;
    }
    la_ssize_t got = libarchive_.read_data(archive_, buffer.data(), buffer.size());
    if (got < 0) {
      const char* message = libarchive_.error_string(archive_);
      return MakeError("{}: {}", name_, message ? message : "unreadable archive data");
    }
    return static_cast<size_t>(got);
  }
  const std::string& name() const override { return name_; }

 private:
  const ArchiveLibrary& libarchive_;
  struct archive* archive_;
  std::string prefix_;
  size_t offset_ = 0;
  std::string name_;
};

bool LooksLikeJson(const std::string& prefix) {
  size_t first = prefix.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (prefix[first] == '{' || prefix[first] == '[');
}

// Layers are named freely (<id>/layer.tar, blobs/sha256/<hex>, <hex>.tar.gz): anything that
// is not a known metadata file and does not look like JSON is read as a layer.
bool IsLayerMember(const std::string& member, const std::string& prefix) {
  bool metadata_name = member == "repositories" || member == "oci-layout" || member.ends_with("/VERSION") ||
                       member == "VERSION" || member.ends_with(".json");
  return !metadata_name && !LooksLikeJson(prefix);
}

}  // namespace

Expected<StreamedImage> ReadArchiveStream(ByteStream& archive_stream, const std::string& name,
                                          const OpenOptions& open, const LayerReadOptions& read) {
  auto loaded = LoadArchive();
  if (!loaded) return MakeError("{}: {}", name, loaded.error().message);
  const ArchiveLibrary& libarchive = **loaded;
  OuterState state;
  state.libarchive = &libarchive;
  state.stream = &archive_stream;
  TarReader reader(libarchive);
  struct archive* archive = reader.get();
  auto fail = [&](const std::string& what) -> Error {
    if (state.error) return MakeError("{}: {}", name, state.error->message);
    return MakeError("{}: {}", name, what);
  };
  if (libarchive.read_open(archive, &state, nullptr, ReadOuter, nullptr) != ARCHIVE_OK) {
    const char* message = libarchive.error_string(archive);
    return fail(std::string("not an image archive: ") + (message ? message : "unreadable"));
  }

  StreamedMembers members;
  std::map<std::string, LayerContents> layer_contents;
  std::map<std::string, Error> layer_errors;
  size_t metadata_bytes = 0;
  size_t count = 0;
  while (true) {
    struct archive_entry* entry = nullptr;
    int status = libarchive.read_next_header(archive, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      const char* message = libarchive.error_string(archive);
      return fail(std::string("bad archive: ") + (message ? message : "unreadable header"));
    }
    if (++count > kMaxMembers) return fail(fmt::format("more than {} archive members", kMaxMembers));
    if (libarchive.entry_filetype(entry) != AE_IFREG) continue;
    const char* raw = libarchive.entry_pathname(entry);
    if (!raw) return fail("archive member without a name");
    bool escapes = false;
    std::string member = NormaliseMemberName(raw, &escapes);
    if (escapes || member.empty()) return fail(fmt::format("archive member {} points outside the archive", raw));
    uint64_t size = libarchive.entry_size_is_set(entry) ? static_cast<uint64_t>(libarchive.entry_size(entry)) : 0;

    std::string prefix(kPeekBytes, '\0');
    la_ssize_t peeked = libarchive.read_data(archive, prefix.data(), prefix.size());
    if (peeked < 0) return fail(fmt::format("unreadable member {}", member));
    prefix.resize(static_cast<size_t>(peeked));

    if (IsLayerMember(member, prefix)) {
      LayerDescriptor layer;
      if (member.rfind("blobs/sha256/", 0) == 0) layer.digest = "sha256:" + member.substr(13);
      layer.open_stream = [&, prefix]() -> Expected<std::unique_ptr<ByteStream>> {
        return std::unique_ptr<ByteStream>(std::make_unique<MemberStream>(libarchive, archive, prefix, name + ":" + member));
      };
      auto contents = ReadLayer(layer, name + ": " + member, read);
      if (state.error) return fail(state.error->message);  // the stream itself broke
      // A member that is not a layer matters only if the manifest names it.
      if (contents) layer_contents[member] = std::move(*contents);
      else layer_errors[member] = contents.error();
      members.other_sizes[member] = size;
      continue;
    }
    if (size > open.max_metadata_bytes) {
      members.other_sizes[member] = size;  // neither metadata nor a layer: not needed
      continue;
    }
    std::string text = std::move(prefix);
    MemberStream rest(libarchive, archive, "", name + ":" + member);
    auto tail = ReadStreamToString(rest, open.max_metadata_bytes - text.size());
    if (!tail) return tail.error();
    text += *tail;
    metadata_bytes += text.size();
    if (metadata_bytes > kMaxMetadataTotal) return fail("more than 64 MiB of metadata");
    members.metadata[member] = std::move(text);
  }
  if (state.error) return fail(state.error->message);

  auto image = OpenStreamedArchive(members, name, open);
  if (!image) return image.error();
  image->source = name;
  StreamedImage result;
  for (size_t i = 0; i < image->layers.size(); ++i) {
    const LayerDescriptor& layer = image->layers[i];
    if (auto error = layer_errors.find(layer.member); error != layer_errors.end()) return error->second;
    auto found = layer_contents.find(layer.member);
    if (found == layer_contents.end()) return fail(fmt::format("layer {} is not in the stream", layer.member));
    if (read.verify_digests && !layer.diff_id.empty() && found->second.diff_id != layer.diff_id) {
      return fail(fmt::format("layer {} does not match its diff_id {} (got {})", layer.member, layer.diff_id,
                              found->second.diff_id));
    }
    result.layers.push_back(found->second);  // a copy: one blob may be listed twice
  }
  result.image = std::move(*image);
  return result;
}

}  // namespace slimage::image
