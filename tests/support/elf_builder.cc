#include "support/elf_builder.h"

namespace slimage::testing {
namespace {

class Writer {
 public:
  Writer(bool little_endian, bool is_64_bit) : little_(little_endian), wide_(is_64_bit) {}

  void Put(uint64_t value, unsigned width) {
    for (unsigned i = 0; i < width; ++i) {
      const unsigned shift = 8 * (little_ ? i : width - 1 - i);
      bytes_.push_back(static_cast<std::byte>((value >> shift) & 0xff));
    }
  }
  void U8(uint64_t value) { Put(value, 1); }
  void U16(uint64_t value) { Put(value, 2); }
  void U32(uint64_t value) { Put(value, 4); }
  void Word(uint64_t value) { Put(value, wide_ ? 8 : 4); }
  void Text(const std::string& text) {
    for (char c : text) bytes_.push_back(static_cast<std::byte>(c));
    bytes_.push_back(std::byte{0});
  }
  void Zeros(size_t count) { bytes_.insert(bytes_.end(), count, std::byte{0}); }
  size_t size() const { return bytes_.size(); }
  std::vector<std::byte>& bytes() { return bytes_; }

 private:
  std::vector<std::byte> bytes_;
  bool little_;
  bool wide_;
};

struct Phdr {
  uint32_t type;
  uint64_t offset;
  uint64_t filesz;
};

}  // namespace

std::vector<std::byte> BuildElf(const ElfSpec& spec) {
  const bool wide = spec.is_64_bit;
  const uint64_t header_size = wide ? 64 : 52;
  const uint64_t phentsize = wide ? 56 : 32;
  const bool has_dynamic = spec.dynamic || !spec.needed.empty() || spec.runpath || spec.rpath;
  const uint64_t phnum = 1 + (spec.interpreter ? 1 : 0) + (has_dynamic ? 1 : 0);

  // The string table: "\0" then each string; remember each string's offset.
  Writer strtab(spec.little_endian, wide);
  strtab.U8(0);
  std::vector<std::pair<uint64_t, uint64_t>> entries;  // (tag, value) of the dynamic section
  auto add_string = [&](uint64_t tag, const std::string& text) {
    entries.emplace_back(tag, strtab.size());
    strtab.Text(text);
  };
  for (const std::string& lib : spec.needed) add_string(1, lib);
  if (spec.runpath) add_string(29, *spec.runpath);
  if (spec.rpath) add_string(15, *spec.rpath);

  // Offsets of each part.
  uint64_t cursor = header_size + phnum * phentsize;
  const uint64_t interp_offset = cursor;
  if (spec.interpreter) cursor += spec.interpreter->size() + 1;
  const uint64_t dynamic_size = (entries.size() + 3) * 2 * (wide ? 8 : 4);  // + STRTAB, STRSZ, NULL
  uint64_t strtab_offset = 0;
  uint64_t dynamic_offset = 0;
  if (!spec.strtab_after_dynamic) {
    strtab_offset = cursor;
    cursor += strtab.size() + spec.padding_before_dynamic;
    dynamic_offset = cursor;
    cursor += dynamic_size;
  } else {
    cursor += spec.padding_before_dynamic;
    dynamic_offset = cursor;
    cursor += dynamic_size;
    strtab_offset = cursor;
    cursor += strtab.size();
  }
  const uint64_t file_size = cursor;
  entries.emplace_back(5, spec.load_address + strtab_offset);
  entries.emplace_back(10, strtab.size());
  entries.emplace_back(0, 0);

  Writer out(spec.little_endian, wide);
  // e_ident
  out.U8(0x7f); out.U8('E'); out.U8('L'); out.U8('F');
  out.U8(wide ? 2 : 1); out.U8(spec.little_endian ? 1 : 2); out.U8(1); out.U8(spec.os_abi);
  out.Zeros(8);
  out.U16(spec.type); out.U16(spec.machine); out.U32(1);
  out.Word(spec.load_address);  // e_entry
  out.Word(header_size);        // e_phoff
  out.Word(0);                  // e_shoff
  out.U32(0); out.U16(header_size); out.U16(phentsize); out.U16(phnum);
  out.U16(0); out.U16(0); out.U16(0);  // no section headers

  std::vector<Phdr> phdrs;
  if (spec.interpreter) phdrs.push_back({3, interp_offset, spec.interpreter->size() + 1});
  phdrs.push_back({1, 0, file_size});
  if (has_dynamic) phdrs.push_back({2, dynamic_offset, dynamic_size});
  for (const Phdr& phdr : phdrs) {
    const uint64_t vaddr = spec.load_address + phdr.offset;
    if (wide) {
      out.U32(phdr.type); out.U32(4);
      out.Word(phdr.offset); out.Word(vaddr); out.Word(vaddr);
      out.Word(phdr.filesz); out.Word(phdr.filesz); out.Word(8);
    } else {
      out.U32(phdr.type); out.Word(phdr.offset); out.Word(vaddr); out.Word(vaddr);
      out.Word(phdr.filesz); out.Word(phdr.filesz); out.U32(4); out.Word(4);
    }
  }
  if (spec.interpreter) out.Text(*spec.interpreter);
  auto write_dynamic = [&] {
    if (!has_dynamic) {
      out.Zeros(dynamic_size);
      return;
    }
    for (const auto& [tag, value] : entries) {
      out.Word(tag);
      out.Word(value);
    }
  };
  auto write_strtab = [&] { out.bytes().insert(out.bytes().end(), strtab.bytes().begin(), strtab.bytes().end()); };
  if (!spec.strtab_after_dynamic) {
    write_strtab();
    out.Zeros(spec.padding_before_dynamic);
    write_dynamic();
  } else {
    out.Zeros(spec.padding_before_dynamic);
    write_dynamic();
    write_strtab();
  }
  return std::move(out.bytes());
}

}  // namespace slimage::testing
