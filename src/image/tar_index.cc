#include "image/tar_index.h"

#include <algorithm>
#include <array>
#include <optional>
#include <cstring>
#include <vector>

namespace slimage::image {
namespace {

constexpr size_t kBlock = 512;

bool ParseNumberField(const char* field, size_t length, uint64_t* value) {
  auto bytes = reinterpret_cast<const unsigned char*>(field);
  if (length > 0 && (bytes[0] & 0x80u) != 0) {
    uint64_t result = bytes[0] & 0x3fu;
    for (size_t i = 1; i < length; ++i) {
      if (result > (UINT64_MAX >> 8)) return false;
      result = (result << 8) | bytes[i];
    }
    *value = result;
    return true;
  }
  uint64_t result = 0;
  size_t i = 0;
  while (i < length && (field[i] == ' ' || field[i] == '\0')) ++i;
  bool any = false;
  for (; i < length && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (result > (UINT64_MAX >> 3)) return false;
    result = result * 8 + static_cast<uint64_t>(field[i] - '0');
    any = true;
  }
  for (; i < length; ++i) {
    if (field[i] != ' ' && field[i] != '\0') return false;
  }
  *value = any ? result : 0;
  return true;
}

std::string FieldString(const char* field, size_t length) {
  return std::string(field, strnlen(field, length));
}

bool ChecksumMatches(const std::array<char, kBlock>& block) {
  uint64_t stored = 0;
  if (!ParseNumberField(block.data() + 148, 8, &stored)) return false;
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? uint64_t{' '} : static_cast<unsigned char>(block[i]);
  }
  return sum == stored;
}

// PAX records "LEN key=value\n"; we need path, linkpath and size.
void ParsePax(const std::string& data, std::string* path, std::string* linkpath, std::optional<uint64_t>* size) {
  size_t pos = 0;
  while (pos < data.size()) {
    size_t space = data.find(' ', pos);
    if (space == std::string::npos) return;
    uint64_t length = 0;
    for (size_t i = pos; i < space; ++i) {
      if (data[i] < '0' || data[i] > '9' || length > data.size()) return;
      length = length * 10 + static_cast<uint64_t>(data[i] - '0');
    }
    if (length == 0 || pos + length > data.size() || length < space - pos + 2) return;
    std::string record = data.substr(space + 1, pos + length - space - 2);  // drop the '\n'
    size_t equals = record.find('=');
    if (equals != std::string::npos) {
      std::string key = record.substr(0, equals);
      std::string value = record.substr(equals + 1);
      if (key == "path") *path = value;
      if (key == "linkpath") *linkpath = value;
      if (key == "size") {
        uint64_t parsed = 0;
        bool good = !value.empty() && value.size() < 20;
        for (char c : value) {
          if (c < '0' || c > '9') good = false;
          else parsed = parsed * 10 + static_cast<uint64_t>(c - '0');
        }
        if (good) *size = parsed;
      }
    }
    pos += length;
  }
}

}  // namespace

std::string NormaliseMemberName(const std::string& name, bool* escapes) {
  std::vector<std::string> parts;
  *escapes = false;
  size_t pos = 0;
  while (pos <= name.size()) {
    size_t slash = name.find('/', pos);
    if (slash == std::string::npos) slash = name.size();
    std::string part = name.substr(pos, slash - pos);
    if (part == "..") {
      if (parts.empty()) *escapes = true;
      else parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    pos = slash + 1;
  }
  std::string result;
  for (const auto& part : parts) {
    if (!result.empty()) result += '/';
    result += part;
  }
  return result;
}

Expected<TarIndex> TarIndex::Build(std::shared_ptr<const ByteSource> archive, size_t max_members) {
  TarIndex index;
  const uint64_t total = archive->size();
  uint64_t offset = 0;
  std::string long_name, long_link, pax_path, pax_link;
  std::optional<uint64_t> pax_size;
  std::array<char, kBlock> block{};
  bool saw_any = false;
  while (true) {
    if (offset + kBlock > total) {
      if (!saw_any) return MakeError("{}: not a tar archive (too short)", archive->name());
      break;  // tolerate a missing end-of-archive marker
    }
    auto got = archive->ReadAt(offset, std::as_writable_bytes(std::span<char>(block)));
    if (!got) return got.error();
    if (*got != kBlock) return MakeError("{}: truncated tar header at byte {}", archive->name(), offset);
    bool all_zero = std::all_of(block.begin(), block.end(), [](char c) { return c == '\0'; });
    if (all_zero) {
      if (!saw_any) return MakeError("{}: not a tar archive (empty)", archive->name());
      break;
    }
    if (!ChecksumMatches(block)) {
      return MakeError("{}: not a tar archive (bad header checksum at byte {})", archive->name(), offset);
    }
    saw_any = true;
    uint64_t size = 0;
    if (!ParseNumberField(block.data() + 124, 12, &size)) {
      return MakeError("{}: bad size field in tar header at byte {}", archive->name(), offset);
    }
    char type = block[156];
    if (pax_size && type != 'x' && type != 'g' && type != 'L' && type != 'K') size = *pax_size;
    uint64_t data_offset = offset + kBlock;
    if (size > total - data_offset) {
      return MakeError("{}: tar member at byte {} claims {} bytes beyond the end of the archive",
                       archive->name(), offset, size);
    }
    uint64_t next = data_offset + ((size + kBlock - 1) / kBlock) * kBlock;
    if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
      if (size > (1u << 20)) return MakeError("{}: tar extension header too large", archive->name());
      auto data = ReadAll(*MakeSliceSource(archive, data_offset, size, archive->name()), 1u << 20);
      if (!data) return data.error();
      if (type == 'L') long_name = FieldString(data->data(), data->size());
      if (type == 'K') long_link = FieldString(data->data(), data->size());
      if (type == 'x') ParsePax(*data, &pax_path, &pax_link, &pax_size);
      offset = next;
      continue;
    }
    std::string name = FieldString(block.data(), 100);
    std::string link = FieldString(block.data() + 157, 100);
    if (std::memcmp(block.data() + 257, "ustar", 5) == 0) {
      std::string prefix = FieldString(block.data() + 345, 155);
      if (!prefix.empty()) name = prefix + "/" + name;
    }
    if (!long_name.empty()) name = long_name;
    if (!pax_path.empty()) name = pax_path;
    if (!long_link.empty()) link = long_link;
    if (!pax_link.empty()) link = pax_link;
    long_name.clear(), long_link.clear(), pax_path.clear(), pax_link.clear(), pax_size.reset();

    bool escapes = false;
    std::string key = NormaliseMemberName(name, &escapes);
    if (!escapes && !key.empty()) {
      if (index.members_.size() >= max_members) {
        return MakeError("{}: more than {} members", archive->name(), max_members);
      }
      TarMember member;
      member.type = type == '\0' ? '0' : type;
      member.offset = data_offset;
      member.size = (member.type == '0' || member.type == '7') ? size : 0;
      member.link_target = link;
      index.members_[key] = member;  // a later member of the same name wins, as on extraction
    }
    offset = next;
  }
  index.archive_ = std::move(archive);
  return index;
}

bool TarIndex::Contains(const std::string& name) const {
  bool escapes = false;
  return members_.count(NormaliseMemberName(name, &escapes)) != 0 && !escapes;
}

Expected<std::shared_ptr<const ByteSource>> TarIndex::Open(const std::string& name) const {
  bool escapes = false;
  std::string key = NormaliseMemberName(name, &escapes);
  if (escapes) return MakeError("{}: member {} points outside the archive", archive_->name(), name);
  for (int hops = 0; hops < 16; ++hops) {
    auto it = members_.find(key);
    if (it == members_.end()) return std::shared_ptr<const ByteSource>();
    const TarMember& member = it->second;
    if (member.type == '0' || member.type == '7') {
      return std::shared_ptr<const ByteSource>(
          MakeSliceSource(archive_, member.offset, member.size, archive_->name() + ":" + key));
    }
    if (member.type == '1' || member.type == '2') {
      std::string target = member.link_target;
      if (member.type == '2' && !target.empty() && target[0] != '/') {
        size_t slash = key.rfind('/');
        target = (slash == std::string::npos ? std::string() : key.substr(0, slash + 1)) + target;
      }
      if (member.type == '2' && !target.empty() && target[0] == '/') {
        return MakeError("{}: member {} links to {} outside the archive", archive_->name(), key, target);
      }
      key = NormaliseMemberName(target, &escapes);
      if (escapes) {
        return MakeError("{}: member {} links to {} outside the archive", archive_->name(), name,
                         member.link_target);
      }
      continue;
    }
    return MakeError("{}: member {} is not a regular file", archive_->name(), key);
  }
  return MakeError("{}: member {} is a link loop", archive_->name(), name);
}

bool ParseTarNumber(const char* field, size_t length, uint64_t* value) { return ParseNumberField(field, length, value); }

}  // namespace slimage::image
