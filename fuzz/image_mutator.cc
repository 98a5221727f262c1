#include "image_mutator.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "image/byte_source.h"
#include "image/decompressor.h"
#include "image/sha256.h"
#include "image/tar_index.h"

namespace slimage::fuzz {
namespace {

using nlohmann::json;
constexpr size_t kBlock = 512;
constexpr size_t kMaxInner = 1u << 20;  // a layer decompressed for mutation stays small

uint64_t HeaderSum(const std::array<char, kBlock>& header) {
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? uint64_t{' '} : static_cast<unsigned char>(header[i]);
  return sum;
}

std::string Hex(std::string_view bytes) { return image::Sha256Digest(bytes).substr(7); }

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

bool LooksLikeJson(const std::string& data) {
  size_t first = data.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (data[first] == '{' || data[first] == '[');
}

// The tar inside a layer blob: plain, or gzip/zstd decompressed with the reader's own
// decompressor (then *tar_hex is the hash of the decompressed tar: the config's diff_id).
std::optional<std::vector<TarMember>> InnerTar(const std::string& blob, std::string* tar_hex) {
  if (auto plain = ParseTar(blob)) return plain;
  auto decompressor = image::Decompressor::Create(image::MakeMemorySource(blob, "fuzz-layer"), {});
  if (!decompressor || (*decompressor)->compression() == image::Compression::kNone) return std::nullopt;
  std::string tar;
  while (true) {
    auto chunk = (*decompressor)->Next();
    if (!chunk) return std::nullopt;
    if (chunk->empty()) break;
    tar.append(reinterpret_cast<const char*>(chunk->data()), chunk->size());
    if (tar.size() > kMaxInner) return std::nullopt;
  }
  *tar_hex = Hex(tar);
  return ParseTar(tar);
}

// Names that the layer model and the checks treat specially.
constexpr const char* kNames[] = {
    "etc/passwd", "etc/ld.so.cache", "etc/ld.so.conf", "bin/sh", "usr/bin/curl", "usr/bin/gcc", "usr/lib/libc.so.6",
    "usr/lib/x86_64-linux-gnu/libssl.so.3", "lib/ld-musl-x86_64.so.1", "var/lib/apt/lists/deb_Packages",
    "var/cache/apt/archives/x.deb", "var/cache/apk/APKINDEX.tar.gz", "var/lib/dpkg/status", "root/.cache/pip/x",
    "usr/local/share/.cache/yarn/x", "tmp/x", "usr/share/doc/x/copyright", "usr/share/man/man1/x.1.gz",
    "usr/include/x.h", "usr/local/go/bin/go", "app/node_modules/x/index.js", "a", "a/b", "a/.wh..wh..opq",
    ".wh.a", "a/.wh.b", ".wh..wh.plnk", "..", "../x", "./", "/", "a//b/./c", "/abs/path", "a/../b", "\x1b[31m",
    "dir/", "usr/lib/python3/__pycache__/x.cpython-311.pyc", "usr/bin/x\nforged"};
constexpr char kTypes[] = {'0', '1', '2', '3', '4', '5', '6', '7', 'L', 'K', 'x', 'g', 'S', 'D', 'V', '\0', 'A'};
constexpr const char* kKeys[] = {"RepoTags", "Layers", "Config", "rootfs", "diff_ids", "history", "empty_layer",
                                 "created_by", "config", "Cmd", "Entrypoint", "User", "Env", "os", "architecture",
                                 "variant", "manifests", "layers", "mediaType", "digest", "size", "annotations",
                                 "platform", "parent", "id", "schemaVersion", "type"};

class Mutation {
 public:
  Mutation(unsigned seed, const ByteMutator& mutate) : rng_(seed), mutate_(mutate) {}

  size_t Pick(size_t n) { return n == 0 ? 0 : rng_() % n; }
  bool OneIn(size_t n) { return Pick(n) == 0; }

  // Mutates `text` in place with the byte mutator, growing it by up to `extra` bytes.
  void Bytes(std::string& text, size_t extra = 64) {
    size_t size = text.size();
    text.resize(size + extra);
    if (size == 0) text[0] = static_cast<char>(rng_()), size = 1;
    text.resize(mutate_(reinterpret_cast<uint8_t*>(text.data()), size, text.size()));
  }
  void Field(TarMember& member, size_t offset, size_t width) {
    std::string field(member.header.data() + offset, width);
    field.resize(strnlen(field.data(), width));
    Bytes(field, width);
    field.resize(std::min(field.size(), width));
    std::memset(member.header.data() + offset, 0, width);
    std::memcpy(member.header.data() + offset, field.data(), field.size());
  }

  std::string SomeName(const std::vector<std::vector<TarMember>>& layers) {
    std::vector<std::string> existing;
    for (const auto& layer : layers) {
      for (const auto& entry : layer) existing.push_back(entry.Name());
    }
    if (!existing.empty() && !OneIn(3)) return existing[Pick(existing.size())];
    return kNames[Pick(std::size(kNames))];
  }

  static TarMember NewEntry(const std::string& name, char type, std::string data = {}) {
    TarMember entry;
    std::memcpy(entry.header.data() + 100, "0000644", 7);
    std::memcpy(entry.header.data() + 108, "0000000", 7);
    std::memcpy(entry.header.data() + 116, "0000000", 7);
    std::memcpy(entry.header.data() + 136, "00000000000", 11);
    std::memcpy(entry.header.data() + 257, "ustar\0" "00", 8);
    entry.header[156] = type;
    entry.SetName(name);
    entry.data = std::move(data);
    return entry;
  }

  // One change to the entries of `layers[which]`; the other layers lend names and entries.
  void Layer(std::vector<std::vector<TarMember>>& layers, size_t which) {
    auto& entries = layers[which];
    size_t at = Pick(entries.size() + 1);
    auto some = [&]() -> TarMember& { return entries[Pick(entries.size())]; };
    switch (entries.empty() ? 0 : Pick(12)) {
      case 0: {  // a new entry
        TarMember entry = NewEntry(SomeName(layers), kTypes[Pick(std::size(kTypes))]);
        if (entry.Type() == '0' && !OneIn(3)) Bytes(entry.data, 256);
        if (entry.Type() == '1' || entry.Type() == '2') entry.SetLink(SomeName(layers));
        entries.insert(entries.begin() + static_cast<long>(at), std::move(entry));
        break;
      }
      case 1: {  // a whiteout (or opaque marker) of something some layer has
        std::string name = SomeName(layers);
        while (!name.empty() && name.back() == '/') name.pop_back();
        size_t slash = name.rfind('/');
        std::string dir = slash == std::string::npos ? "" : name.substr(0, slash + 1);
        std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
        std::string marker = OneIn(4) ? dir + ".wh..wh..opq" : dir + ".wh." + base;
        entries.insert(entries.begin() + static_cast<long>(at), NewEntry(marker, '0'));
        break;
      }
      case 2: {  // an entry of another layer (or this one) again: overwrites across layers
        const auto& donor = layers[Pick(layers.size())];
        if (donor.empty()) break;
        TarMember copy = donor[Pick(donor.size())];  // may be an entry of `entries` itself
        entries.insert(entries.begin() + static_cast<long>(at), std::move(copy));
        break;
      }
      case 3: entries.erase(entries.begin() + static_cast<long>(Pick(entries.size()))); break;
      case 4: Bytes(some().data, 512); break;  // file content
      case 5: {  // content that the ELF scanner reads
        static constexpr char kElf[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00";
        TarMember& entry = some();
        entry.data.replace(0, std::min<size_t>(entry.data.size(), 20), kElf, 20);
        Bytes(entry.data, 256);
        break;
      }
      case 6: some().SetName(SomeName(layers)); break;
      case 7: {  // a link to something
        TarMember& entry = some();
        entry.header[156] = OneIn(2) ? '1' : '2';
        entry.SetLink(SomeName(layers));
        entry.data.clear();
        break;
      }
      case 8: some().header[156] = kTypes[Pick(std::size(kTypes))]; break;
      case 9: {  // any header field, as bytes
        static constexpr std::pair<size_t, size_t> kFields[] = {{0, 100},  {100, 8},  {108, 8},  {116, 8},
                                                                {136, 12}, {156, 1},  {157, 100}, {257, 8},
                                                                {265, 32}, {297, 32}, {329, 8},  {345, 155}};
        auto [offset, width] = kFields[Pick(std::size(kFields))];
        Field(some(), offset, width);
        break;
      }
      case 10: {  // a PAX or GNU long-name record in front of an entry
        std::string name = SomeName(layers) + std::string(Pick(2) ? 120 : 0, 'n');
        if (OneIn(2)) {
          std::string record = " path=" + name + "\n";
          record = std::to_string(record.size() + std::to_string(record.size()).size()) + record;
          if (OneIn(4)) Bytes(record);
          entries.insert(entries.begin() + static_cast<long>(at), NewEntry("././@PaxHeader", 'x', record));
        } else {
          entries.insert(entries.begin() + static_cast<long>(at), NewEntry("././@LongLink", 'L', name + '\0'));
        }
        break;
      }
      default: {  // reorder
        size_t other = Pick(entries.size());
        std::swap(some(), entries[other]);
        break;
      }
    }
  }

  // One change somewhere in a JSON document.
  void Json(std::string& text) {
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) return Bytes(text);
    std::vector<json*> nodes;
    std::vector<std::string> strings;
    std::function<void(json&)> walk = [&](json& node) {
      if (nodes.size() > 4096) return;
      nodes.push_back(&node);
      if (node.is_string()) strings.push_back(node.get<std::string>());
      if (node.is_structured()) {
        for (auto& child : node) walk(child);
      }
    };
    walk(document);
    json& node = *nodes[Pick(nodes.size())];
    switch (Pick(8)) {
      case 0:
        if (node.is_string()) {
          std::string value = node.get<std::string>();
          Bytes(value);
          node = value;
        } else if (node.is_object() && !node.empty()) {
          auto it = node.begin();
          std::advance(it, static_cast<long>(Pick(node.size())));
          node.erase(it);
        } else if (node.is_array() && !node.empty()) {
          node.erase(node.begin() + static_cast<long>(Pick(node.size())));
        } else {
          node = nullptr;
        }
        break;
      case 1:  // another string of the document (a digest, a layer name, a tag) in its place
        if (!strings.empty()) node = strings[Pick(strings.size())];
        break;
      case 2: {
        static const json kNumbers[] = {0, 1, -1, 2, 255, 4096, 4294967296ull, 9223372036854775807ll,
                                        18446744073709551615ull, 1.5, -0.0, 1e300};
        node = kNumbers[Pick(std::size(kNumbers))];
        break;
      }
      case 3:
        if (node.is_array() && !node.empty()) node.push_back(node[Pick(node.size())]);  // a layer listed twice
        else if (node.is_boolean()) node = !node.get<bool>();
        else node = true;
        break;
      case 4:
        if (node.is_object()) node[kKeys[Pick(std::size(kKeys))]] = strings.empty() ? json() : json(strings[Pick(strings.size())]);
        else node = json::object();
        break;
      case 5:
        if (node.is_array() && node.size() > 1) std::swap(node[0], node[node.size() - 1]);
        else node = json::array({node});
        break;
      case 6: node = json(); break;
      default: {  // a key renamed to one the readers look for
        if (!node.is_object() || node.empty()) break;
        auto it = node.begin();
        std::advance(it, static_cast<long>(Pick(node.size())));
        json value = *it;
        node.erase(it);
        node[kKeys[Pick(std::size(kKeys))]] = std::move(value);
        break;
      }
    }
    text = document.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  // One change to the archive's members: a layer's entries, a JSON file, a header, the order.
  // A compressed layer is stored decompressed once mutated: `renamed` gets its old diff_id.
  void Archive(std::vector<TarMember>& members, std::vector<std::string>& hashes,
               std::vector<std::pair<std::string, std::string>>& renamed) {
    std::vector<size_t> layer_index;  // members holding a tar
    std::vector<std::vector<TarMember>> layers;
    std::vector<std::string> tar_hexes;  // of the decompressed tar, for compressed layers
    std::vector<size_t> json_index;
    for (size_t i = 0; i < members.size(); ++i) {
      if (LooksLikeJson(members[i].data)) {
        json_index.push_back(i);
      } else if (members[i].data.size() >= 18) {  // the smallest gzip stream
        std::string tar_hex;
        if (auto inner = InnerTar(members[i].data, &tar_hex)) {
          layer_index.push_back(i);
          layers.push_back(std::move(*inner));
          tar_hexes.push_back(std::move(tar_hex));
        }
      }
    }
    size_t choice = Pick(100);
    if (choice < 55 && !layers.empty()) {
      size_t which = Pick(layers.size());
      Layer(layers, which);
      members[layer_index[which]].data = WriteTar(layers[which]);  // stored as plain tar from now on
      if (!tar_hexes[which].empty()) renamed.emplace_back(tar_hexes[which], Hex(members[layer_index[which]].data));
    } else if (choice < 80 && !json_index.empty()) {
      Json(members[json_index[Pick(json_index.size())]].data);
    } else if (!members.empty()) {
      size_t i = Pick(members.size());
      switch (Pick(6)) {
        case 0: Bytes(members[i].data, 256); break;  // a compressed blob, VERSION, oci-layout...
        case 1: Field(members[i], 0, 100); break;
        case 2: {  // a member that links to another (test_link.tar does that)
          members[i].header[156] = OneIn(2) ? '2' : '1';
          members[i].SetLink(members[Pick(members.size())].Name());
          members[i].data.clear();
          break;
        }
        case 3:
          members.erase(members.begin() + static_cast<long>(i));
          hashes.erase(hashes.begin() + static_cast<long>(i));
          break;
        case 4:
          members.push_back(members[i]);
          hashes.push_back(hashes[i]);
          break;
        default: {  // order matters to the streamed reader (metadata after layers, ...)
          size_t j = Pick(members.size());
          std::swap(members[i], members[j]);
          std::swap(hashes[i], hashes[j]);
          break;
        }
      }
    }
  }

 private:
  std::mt19937 rng_;
  const ByteMutator& mutate_;
};

// Sets the "size" of every descriptor {"digest": "sha256:<hex>", "size": N} in `text` that
// names one of `sizes`; false when nothing changed.
bool FixSizes(std::string& text, const std::map<std::string, size_t>& sizes) {
  json document = json::parse(text, nullptr, false);
  if (document.is_discarded()) return false;
  bool changed = false;
  std::function<void(json&)> walk = [&](json& node) {
    if (node.is_object() && node.contains("digest") && node["digest"].is_string() && node.contains("size") &&
        node["size"].is_number()) {
      std::string digest = node["digest"].get<std::string>();
      if (auto it = sizes.find(digest.substr(std::min<size_t>(digest.size(), 7))); it != sizes.end() &&
          (!node["size"].is_number_unsigned() || node["size"].get<uint64_t>() != it->second)) {
        node["size"] = it->second;
        changed = true;
      }
    }
    if (node.is_structured()) {
      for (auto& child : node) walk(child);
    }
  };
  walk(document);
  if (changed) text = document.dump(-1, ' ', false, json::error_handler_t::replace);
  return changed;
}

// Makes the archive content-addressed again: each member whose bytes changed has its old
// hash replaced by the new one wherever it is named, which changes those members in turn.
void FixDigests(std::vector<TarMember>& members, std::vector<std::string>& hashes,
                std::vector<std::pair<std::string, std::string>> renamed) {
  for (int round = 0; round < 8; ++round) {
    if (round > 0) renamed.clear();  // old hex, new hex
    std::map<std::string, size_t> sizes;
    for (size_t i = 0; i < members.size(); ++i) {
      std::string now = Hex(members[i].data);
      if (now != hashes[i]) {
        renamed.emplace_back(hashes[i], now);
        sizes[now] = members[i].data.size();
        hashes[i] = now;
      }
    }
    if (renamed.empty()) return;
    for (auto& member : members) {
      std::string name = member.Name();
      std::string link(member.header.data() + 157, strnlen(member.header.data() + 157, 100));
      for (const auto& [from, to] : renamed) {
        ReplaceAll(member.data, from, to);
        ReplaceAll(name, from, to);
        ReplaceAll(link, from, to);
      }
      if (name != member.Name()) member.SetName(name);
      member.SetLink(link);
      if (LooksLikeJson(member.data)) FixSizes(member.data, sizes);
    }
  }
}

}  // namespace

std::string TarMember::Name() const {
  std::string name(header.data(), strnlen(header.data(), 100));
  if (std::memcmp(header.data() + 257, "ustar", 5) == 0 && header[345] != '\0') {
    name = std::string(header.data() + 345, strnlen(header.data() + 345, 155)) + "/" + name;
  }
  return name;
}

void TarMember::SetName(const std::string& name) {
  std::memset(header.data(), 0, 100);
  std::memset(header.data() + 345, 0, 155);
  std::string rest = name;
  size_t slash = name.size() > 100 ? name.rfind('/', name.size() - 1) : std::string::npos;
  if (slash != std::string::npos && slash <= 155 && name.size() - slash - 1 <= 100) {
    std::memcpy(header.data() + 345, name.data(), slash);
    rest = name.substr(slash + 1);
  }
  std::memcpy(header.data(), rest.data(), std::min<size_t>(rest.size(), 100));
}

void TarMember::SetLink(const std::string& link) {
  std::memset(header.data() + 157, 0, 100);
  std::memcpy(header.data() + 157, link.data(), std::min<size_t>(link.size(), 100));
}

std::optional<std::vector<TarMember>> ParseTar(std::string_view bytes) {
  std::vector<TarMember> members;
  size_t offset = 0;
  while (offset + kBlock <= bytes.size()) {
    TarMember member;
    std::memcpy(member.header.data(), bytes.data() + offset, kBlock);
    if (std::all_of(member.header.begin(), member.header.end(), [](char c) { return c == '\0'; })) break;
    uint64_t stored = 0, size = 0;
    if (!image::ParseTarNumber(member.header.data() + 148, 8, &stored) || stored != HeaderSum(member.header)) return std::nullopt;
    if (!image::ParseTarNumber(member.header.data() + 124, 12, &size)) return std::nullopt;
    offset += kBlock;
    if (size > bytes.size() - offset) return std::nullopt;
    member.data = std::string(bytes.substr(offset, size));
    offset += (size + kBlock - 1) / kBlock * kBlock;
    members.push_back(std::move(member));
  }
  if (members.empty()) return std::nullopt;
  return members;
}

std::string WriteTar(const std::vector<TarMember>& members) {
  std::string out;
  for (TarMember member : members) {
    char* size_field = member.header.data() + 124;
    std::memset(size_field, 0, 12);
    std::snprintf(size_field, 12, "%011llo", static_cast<unsigned long long>(member.data.size()));
    std::memset(member.header.data() + 148, ' ', 8);
    char checksum[8];
    std::snprintf(checksum, sizeof checksum, "%06llo", static_cast<unsigned long long>(HeaderSum(member.header)));
    std::memcpy(member.header.data() + 148, checksum, 7);  // six digits and a NUL, then the space
    out.append(member.header.data(), kBlock);
    out += member.data;
    out.append((kBlock - member.data.size() % kBlock) % kBlock, '\0');
  }
  out.append(2 * kBlock, '\0');
  return out;
}

size_t MutateImageArchive(uint8_t* data, size_t size, size_t max_size, unsigned seed, const ByteMutator& mutate) {
  Mutation mutation(seed, mutate);
  auto members = ParseTar(std::string_view(reinterpret_cast<const char*>(data), size));
  // Now and then (and for what is no tar at all) plain bytes: the error paths matter too.
  if (!members || mutation.OneIn(16)) return mutate(data, size, max_size);
  std::vector<std::string> hashes;
  for (const auto& member : *members) hashes.push_back(Hex(member.data));
  std::vector<std::pair<std::string, std::string>> renamed;
  mutation.Archive(*members, hashes, renamed);
  if (!mutation.OneIn(32)) FixDigests(*members, hashes, renamed);  // rarely, a digest left stale on purpose
  std::string out = WriteTar(*members);
  if (out.size() > max_size) return mutate(data, size, max_size);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}

}  // namespace slimage::fuzz
