#include "packages/rpm_header.h"

#include <cstdint>
#include <optional>
#include <string>

namespace slimage::packages {
namespace {

constexpr uint32_t kTagName = 1000;
constexpr uint32_t kTagVersion = 1001;
constexpr uint32_t kTagRelease = 1002;
constexpr uint32_t kTagEpoch = 1003;
constexpr uint32_t kTagSize = 1009;
constexpr uint32_t kTagArch = 1022;
constexpr uint32_t kTagLongSize = 5009;

constexpr uint32_t kTypeInt32 = 4;
constexpr uint32_t kTypeInt64 = 5;
constexpr uint32_t kTypeString = 6;
constexpr uint32_t kTypeI18nString = 9;

// rpm's own limits (header_internal.h): no more than 64 Ki entries nor 256 MiB of data.
constexpr uint64_t kMaxEntries = 0xffff;
constexpr uint64_t kMaxData = 256ull * 1024 * 1024;

uint64_t BigEndian(std::span<const std::byte> bytes, size_t at, size_t width) {
  uint64_t value = 0;
  for (size_t i = 0; i < width; ++i) value = (value << 8) | std::to_integer<uint64_t>(bytes[at + i]);
  return value;
}

}  // namespace

Expected<Package> ParseRpmHeader(std::span<const std::byte> blob, std::string* arch) {
  if (blob.size() < 8) return MakeError("header blob of {} bytes is too short", blob.size());
  const uint64_t entries = BigEndian(blob, 0, 4);
  const uint64_t data_length = BigEndian(blob, 4, 4);
  if (entries == 0 || entries > kMaxEntries) return MakeError("header has {} index entries", entries);
  if (data_length > kMaxData) return MakeError("header data of {} bytes is too large", data_length);
  const uint64_t data_start = 8 + entries * 16;
  if (data_start + data_length > blob.size()) {
    return MakeError("header needs {} bytes, the blob has {}", data_start + data_length, blob.size());
  }
  const std::span<const std::byte> data = blob.subspan(data_start, data_length);

  std::optional<std::string> name, version, release, arch_name;
  std::optional<uint64_t> epoch, size, long_size;
  for (uint64_t i = 0; i < entries; ++i) {
    const size_t at = 8 + i * 16;
    const uint32_t tag = static_cast<uint32_t>(BigEndian(blob, at, 4));
    const uint32_t type = static_cast<uint32_t>(BigEndian(blob, at + 4, 4));
    const uint64_t offset = BigEndian(blob, at + 8, 4);
    const uint64_t count = BigEndian(blob, at + 12, 4);
    if (tag != kTagName && tag != kTagVersion && tag != kTagRelease && tag != kTagEpoch && tag != kTagSize &&
        tag != kTagArch && tag != kTagLongSize) {
      continue;
    }
    if (offset >= data.size()) return MakeError("tag {}: offset {} is past the data ({} bytes)", tag, offset, data.size());
    if (type == kTypeString || type == kTypeI18nString) {
      std::string value;
      size_t end = offset;
      while (end < data.size() && data[end] != std::byte{0}) ++end;
      if (end == data.size()) return MakeError("tag {}: string is not terminated", tag);
      value.assign(reinterpret_cast<const char*>(data.data()) + offset, end - offset);
      if (tag == kTagName) name = value;
      if (tag == kTagVersion) version = value;
      if (tag == kTagRelease) release = value;
      if (tag == kTagArch) arch_name = value;
    } else if (type == kTypeInt32 || type == kTypeInt64) {
      const size_t width = type == kTypeInt32 ? 4 : 8;
      if (count < 1 || offset + width > data.size()) return MakeError("tag {}: number is past the data", tag);
      const uint64_t value = BigEndian(data, offset, width);
      if (tag == kTagEpoch) epoch = value;
      if (tag == kTagSize) size = value;
      if (tag == kTagLongSize) long_size = value;
    } else {
      return MakeError("tag {} has unexpected type {}", tag, type);
    }
  }
  if (!name || name->empty()) return MakeError("header has no NAME");
  Package package;
  package.manager = "rpm";
  package.name = *name;
  if (epoch) package.version = std::to_string(*epoch) + ":";
  package.version += version.value_or("");
  if (release) package.version += "-" + *release;
  package.size = long_size ? *long_size : size.value_or(0);
  if (arch) *arch = arch_name.value_or("");
  return package;
}

}  // namespace slimage::packages
