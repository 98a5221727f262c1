// Streaming ELF reader. The file's bytes pass once, in order; the scanner works out which
// byte ranges it needs (program headers, PT_INTERP, PT_DYNAMIC, the strings named by the
// dynamic entries) as soon as it can and captures each as it streams past. A range whose
// bytes have already gone by can still be read if it lies in the kept prefix of the file
// (the string table normally precedes the dynamic section); otherwise the result says
// dynamic_complete=false rather than guessing.
#include "image/elf_scanner.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string_view>

namespace slimage::image {
namespace {

constexpr uint64_t kMaxInterpBytes = 4096;        // PATH_MAX
constexpr uint64_t kMaxDynamicBytes = 1u << 20;   // 65536 entries of ELF64
constexpr uint64_t kMaxStringBytes = 4096;        // one DT_NEEDED / RUNPATH string
constexpr size_t kMaxStrings = 1024;              // DT_NEEDED + DT_RUNPATH + DT_RPATH entries
constexpr size_t kMinPrefixCap = 64;              // an ELF64 header

constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPtDynamic = 2;
constexpr uint32_t kPtInterp = 3;

constexpr uint64_t kDtNull = 0;
constexpr uint64_t kDtNeeded = 1;
constexpr uint64_t kDtStrtab = 5;
constexpr uint64_t kDtStrsz = 10;
constexpr uint64_t kDtRpath = 15;
constexpr uint64_t kDtRunpath = 29;

// Bounds-checked fixed-width reads in the file's byte order. Callers check Fits() first;
// a read that would not fit yields 0 rather than bytes from beyond the span.
class ByteReader {
 public:
  ByteReader(std::span<const std::byte> bytes, bool little_endian, bool is_64_bit)
      : bytes_(bytes), little_(little_endian), wide_(is_64_bit) {}

  bool Fits(uint64_t offset, uint64_t size) const {
    return offset <= bytes_.size() && size <= bytes_.size() - offset;
  }
  uint64_t Read(uint64_t offset, unsigned width) const {
    if (!Fits(offset, width)) return 0;
    uint64_t value = 0;
    for (unsigned i = 0; i < width; ++i) {
      const unsigned index = little_ ? width - 1 - i : i;
      value = (value << 8) | std::to_integer<uint64_t>(bytes_[offset + index]);
    }
    return value;
  }
  uint16_t U16(uint64_t offset) const { return static_cast<uint16_t>(Read(offset, 2)); }
  uint32_t U32(uint64_t offset) const { return static_cast<uint32_t>(Read(offset, 4)); }
  uint64_t Word(uint64_t offset) const { return Read(offset, wide_ ? 8 : 4); }
  unsigned word_size() const { return wide_ ? 8 : 4; }

 private:
  std::span<const std::byte> bytes_;
  bool little_;
  bool wide_;
};

bool AddOverflows(uint64_t a, uint64_t b) { return a > std::numeric_limits<uint64_t>::max() - b; }

// The bytes of [offset, offset+size) of the file, collected as they stream past.
struct Capture {
  uint64_t offset = 0;
  uint64_t size = 0;
  std::vector<std::byte> bytes;
  bool lost = false;  // part of the range streamed past before we knew we needed it

  bool complete() const { return !lost && bytes.size() == size; }
  uint64_t next() const { return offset + bytes.size(); }

  void Take(std::span<const std::byte> chunk, uint64_t chunk_start) {
    if (lost || bytes.size() == size) return;
    const uint64_t chunk_end = chunk_start + chunk.size();
    const uint64_t want = next();
    if (want < chunk_start || want >= chunk_end) return;
    const uint64_t stop = std::min(offset + size, chunk_end);
    const auto first = chunk.begin() + static_cast<std::ptrdiff_t>(want - chunk_start);
    bytes.insert(bytes.end(), first, first + static_cast<std::ptrdiff_t>(stop - want));
  }
};

struct Segment {
  uint32_t type = 0;
  uint64_t offset = 0;
  uint64_t vaddr = 0;
  uint64_t filesz = 0;
};

enum class StringKind { kNeeded, kRunpath, kRpath };

struct PendingString {
  StringKind kind;
  Capture capture;
};

std::string_view UpToNul(std::span<const std::byte> bytes, bool* found_nul) {
  *found_nul = false;
  if (bytes.empty()) return {};  // memchr must not see the null data() of an empty vector
  const char* begin = reinterpret_cast<const char*>(bytes.data());
  const void* nul = std::memchr(begin, 0, bytes.size());
  *found_nul = nul != nullptr;
  const size_t length = nul ? static_cast<size_t>(static_cast<const char*>(nul) - begin) : bytes.size();
  return std::string_view(begin, length);
}

void SplitPath(std::string_view text, std::vector<std::string>* out) {
  // Empty components (the current directory for ld.so) say nothing about the image: dropped.
  while (!text.empty()) {
    const size_t colon = text.find(':');
    std::string_view part = text.substr(0, colon);
    if (!part.empty()) out->emplace_back(part);
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
  }
}

}  // namespace

bool LooksLikeElf(std::span<const std::byte> first_bytes) {
  return first_bytes.size() >= 4 && first_bytes[0] == std::byte{0x7f} &&
         first_bytes[1] == std::byte{'E'} && first_bytes[2] == std::byte{'L'} &&
         first_bytes[3] == std::byte{'F'};
}

struct ElfScanner::State {
  enum class Phase { kHeader, kProgramHeaders, kSegments, kStrings, kDone, kFailed };

  explicit State(size_t cap) : prefix_cap(std::max(cap, kMinPrefixCap)) {}

  size_t prefix_cap;
  Phase phase = Phase::kHeader;
  uint64_t position = 0;  // bytes fed so far
  bool at_end = false;    // Finish() was called: pending captures will never complete
  std::vector<std::byte> prefix;
  ElfInfo info;

  uint64_t phoff = 0;
  uint16_t phentsize = 0;
  uint16_t phnum = 0;
  std::vector<Segment> segments;
  Capture program_headers;
  std::optional<Capture> interp;
  std::optional<Capture> dynamic;
  std::vector<PendingString> strings;

  ByteReader Reader(std::span<const std::byte> bytes) const {
    return ByteReader(bytes, info.little_endian, info.is_64_bit);
  }

  // Starts collecting [offset, offset+size), taking what the kept prefix already holds.
  Capture Request(uint64_t offset, uint64_t size) const {
    Capture capture{offset, size, {}, false};
    capture.bytes.reserve(size);
    if (offset < position) {
      if (offset < prefix.size()) {
        const uint64_t stop = std::min<uint64_t>(offset + size, prefix.size());
        capture.bytes.assign(prefix.begin() + static_cast<std::ptrdiff_t>(offset),
                             prefix.begin() + static_cast<std::ptrdiff_t>(stop));
      }
      if (capture.next() < std::min(offset + size, position)) capture.lost = true;
    }
    return capture;
  }

  bool Settled(const Capture& capture) const { return capture.complete() || capture.lost || at_end; }

  // Splits the chunk where a needed range ends, so that the next range is asked for before
  // its bytes go by: the result is the same whatever the chunk sizes.
  void Feed(std::span<const std::byte> chunk) {
    while (!chunk.empty()) {
      if (phase == Phase::kDone || phase == Phase::kFailed) {
        position += chunk.size();
        return;
      }
      const uint64_t event = NextEvent();
      size_t take = chunk.size();
      if (event > position && event - position < take) take = static_cast<size_t>(event - position);
      FeedPiece(chunk.first(take));
      chunk = chunk.subspan(take);
    }
  }

  // The file offset at which the scanner next learns something.
  uint64_t NextEvent() const {
    uint64_t event = std::numeric_limits<uint64_t>::max();
    auto consider = [&](const Capture& capture) {
      if (!capture.lost && capture.bytes.size() < capture.size) {
        event = std::min(event, capture.offset + capture.size);
      }
    };
    switch (phase) {
      case Phase::kHeader: event = prefix.size() < 6 ? 6 : (info.is_64_bit ? 64 : 52); break;
      case Phase::kProgramHeaders: consider(program_headers); break;
      case Phase::kSegments:
        if (interp) consider(*interp);
        if (dynamic) consider(*dynamic);
        break;
      case Phase::kStrings:
        for (const PendingString& pending : strings) consider(pending.capture);
        break;
      case Phase::kDone:
      case Phase::kFailed: break;
    }
    return event;
  }

  void FeedPiece(std::span<const std::byte> chunk) {
    if (prefix.size() < prefix_cap && prefix.size() == position) {
      const size_t take = std::min(chunk.size(), prefix_cap - prefix.size());
      prefix.insert(prefix.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(take));
    }
    program_headers.Take(chunk, position);
    if (interp) interp->Take(chunk, position);
    if (dynamic) dynamic->Take(chunk, position);
    for (PendingString& pending : strings) pending.capture.Take(chunk, position);
    position += chunk.size();
    Advance();
  }

  void Advance() {
    for (;;) {
      switch (phase) {
        case Phase::kHeader:
          if (!ParseHeader()) return;
          break;
        case Phase::kProgramHeaders:
          if (!Settled(program_headers)) return;
          ParseProgramHeaders();
          break;
        case Phase::kSegments:
          if ((interp && !Settled(*interp)) || (dynamic && !Settled(*dynamic))) return;
          ReadInterpreter();
          ReadDynamic();
          phase = Phase::kStrings;
          break;
        case Phase::kStrings:
          for (const PendingString& pending : strings) {
            if (!Settled(pending.capture)) return;
          }
          ReadStrings();
          phase = Phase::kDone;
          Release();
          break;
        case Phase::kDone:
        case Phase::kFailed:
          return;
      }
    }
  }

  // False while the header has not fully arrived (or when it is malformed: kFailed).
  bool ParseHeader() {
    if (prefix.size() >= 4 && !LooksLikeElf(prefix)) return Fail();
    if (prefix.size() >= 6) {
      const auto ei_class = std::to_integer<unsigned>(prefix[4]);
      const auto ei_data = std::to_integer<unsigned>(prefix[5]);
      if ((ei_class != 1 && ei_class != 2) || (ei_data != 1 && ei_data != 2)) return Fail();
      info.is_64_bit = ei_class == 2;
      info.little_endian = ei_data == 1;
    }
    const uint64_t header_size = info.is_64_bit ? 64 : 52;
    if (prefix.size() < 6 || prefix.size() < header_size) {
      if (at_end) Fail();
      return false;
    }
    const ByteReader reader = Reader(prefix);
    info.os_abi = std::to_integer<uint8_t>(prefix[7]);
    info.type = reader.U16(16);
    info.machine = reader.U16(18);
    const unsigned word = reader.word_size();
    phoff = reader.Word(24 + word);  // after e_type, e_machine, e_version, e_entry
    const uint64_t rest = 24 + 3 * uint64_t{word} + 4 + 2;  // e_flags, e_ehsize
    phentsize = reader.U16(rest);
    phnum = reader.U16(rest + 2);
    if (phnum == 0) {  // nothing to load: no interpreter, no dynamic section
      phase = Phase::kSegments;
      return true;
    }
    if (phentsize != (info.is_64_bit ? 56 : 32)) return Fail();
    const uint64_t table_size = uint64_t{phentsize} * phnum;  // at most 65535 * 56 bytes
    if (AddOverflows(phoff, table_size)) return Fail();
    program_headers = Request(phoff, table_size);
    phase = Phase::kProgramHeaders;
    return true;
  }

  void ParseProgramHeaders() {
    if (!program_headers.complete()) {  // the table lies beyond the file or the cap
      Fail();
      return;
    }
    const ByteReader reader = Reader(program_headers.bytes);
    for (uint64_t index = 0; index < phnum; ++index) {
      const uint64_t at = index * phentsize;
      Segment segment;
      segment.type = reader.U32(at);
      if (info.is_64_bit) {  // p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz
        segment.offset = reader.Read(at + 8, 8);
        segment.vaddr = reader.Read(at + 16, 8);
        segment.filesz = reader.Read(at + 32, 8);
      } else {  // p_type, p_offset, p_vaddr, p_paddr, p_filesz
        segment.offset = reader.U32(at + 4);
        segment.vaddr = reader.U32(at + 8);
        segment.filesz = reader.U32(at + 16);
      }
      if (segment.type == kPtInterp && !interp) {
        interp = Request(segment.offset, std::min(segment.filesz, kMaxInterpBytes));
        if (AddOverflows(segment.offset, segment.filesz)) interp->lost = true;
      } else if (segment.type == kPtDynamic && !dynamic) {
        dynamic = Request(segment.offset, std::min(segment.filesz, kMaxDynamicBytes));
        if (AddOverflows(segment.offset, segment.filesz)) dynamic->lost = true;
      }
      if (segment.type == kPtLoad) segments.push_back(segment);
    }
    program_headers = Capture{};
    phase = Phase::kSegments;
  }

  void ReadInterpreter() {
    if (!interp) return;
    bool found_nul = false;
    const std::string_view path = UpToNul(interp->bytes, &found_nul);
    if (interp->lost || !found_nul || path.empty()) {
      info.dynamic_complete = false;
      return;
    }
    info.interpreter = std::string(path);
  }

  void ReadDynamic() {
    if (!dynamic) return;
    if (!dynamic->complete()) {
      info.dynamic_complete = false;
      return;
    }
    const ByteReader reader = Reader(dynamic->bytes);
    const unsigned word = reader.word_size();
    std::optional<uint64_t> strtab_address;
    std::optional<uint64_t> strtab_size;
    std::vector<std::pair<StringKind, uint64_t>> wanted;
    bool terminated = false;
    for (uint64_t at = 0; reader.Fits(at, 2 * uint64_t{word}); at += 2 * uint64_t{word}) {
      const uint64_t tag = reader.Word(at);
      const uint64_t value = reader.Word(at + word);
      if (tag == kDtNull) {
        terminated = true;
        break;
      }
      switch (tag) {
        case kDtNeeded: wanted.emplace_back(StringKind::kNeeded, value); break;
        case kDtRunpath: wanted.emplace_back(StringKind::kRunpath, value); break;
        case kDtRpath: wanted.emplace_back(StringKind::kRpath, value); break;
        case kDtStrtab: strtab_address = value; break;
        case kDtStrsz: strtab_size = value; break;
        default: break;
      }
    }
    dynamic.reset();
    if (!terminated) info.dynamic_complete = false;  // cut by the cap or a short segment
    if (wanted.empty()) return;
    const std::optional<uint64_t> strtab_offset =
        strtab_address ? FileOffsetOf(*strtab_address) : std::nullopt;
    if (!strtab_offset || wanted.size() > kMaxStrings) {
      info.dynamic_complete = false;
      return;
    }
    for (const auto& [kind, string_offset] : wanted) {
      uint64_t length = kMaxStringBytes;
      if (strtab_size) {
        if (string_offset >= *strtab_size) {
          info.dynamic_complete = false;
          continue;
        }
        length = std::min(length, *strtab_size - string_offset);
      }
      if (AddOverflows(*strtab_offset, string_offset) ||
          AddOverflows(*strtab_offset + string_offset, length)) {
        info.dynamic_complete = false;
        continue;
      }
      strings.push_back({kind, Request(*strtab_offset + string_offset, length)});
    }
  }

  // The file offset of a virtual address, through the PT_LOAD segment that maps it.
  std::optional<uint64_t> FileOffsetOf(uint64_t address) const {
    for (const Segment& segment : segments) {
      if (address < segment.vaddr || address - segment.vaddr >= segment.filesz) continue;
      const uint64_t delta = address - segment.vaddr;
      if (AddOverflows(segment.offset, delta)) return std::nullopt;
      return segment.offset + delta;
    }
    return std::nullopt;
  }

  void ReadStrings() {
    for (const PendingString& pending : strings) {
      bool found_nul = false;
      const std::string_view text = UpToNul(pending.capture.bytes, &found_nul);
      // A string cut by the end of what we hold is not trusted.
      if (pending.capture.lost || !found_nul) {
        info.dynamic_complete = false;
        continue;
      }
      switch (pending.kind) {
        case StringKind::kNeeded: info.needed.emplace_back(text); break;
        case StringKind::kRunpath: SplitPath(text, &info.runpath); break;
        case StringKind::kRpath: SplitPath(text, &info.rpath); break;
      }
    }
  }

  bool Fail() {
    phase = Phase::kFailed;
    Release();
    return false;
  }

  void Release() {
    prefix = {};
    program_headers = Capture{};
    interp.reset();
    dynamic.reset();
    strings = {};
    segments = {};
  }
};

ElfScanner::ElfScanner() : ElfScanner(kDefaultPrefixCap) {}
ElfScanner::ElfScanner(std::size_t prefix_cap) : state_(std::make_unique<State>(prefix_cap)) {}
ElfScanner::~ElfScanner() = default;

void ElfScanner::Feed(std::span<const std::byte> chunk) { state_->Feed(chunk); }

std::optional<ElfInfo> ElfScanner::Finish() {
  state_->at_end = true;
  state_->Advance();
  if (state_->phase != State::Phase::kDone) return std::nullopt;
  return state_->info;
}

}  // namespace slimage::image
