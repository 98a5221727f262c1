// Builds small ELF files byte by byte for the scanner's tests (and for image-model tests
// that need an executable inside a layer). Layout: header, program headers, PT_INTERP
// string, then the string table and dynamic section in the order asked for, one PT_LOAD
// mapping the whole file at `load_address`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slimage::testing {

struct ElfSpec {
  bool is_64_bit = true;
  bool little_endian = true;
  uint16_t type = 2;       // ET_EXEC
  uint16_t machine = 62;   // EM_X86_64
  uint8_t os_abi = 0;      // e_ident[EI_OSABI]: 0 System V, 3 GNU/Linux, 9 FreeBSD
  std::optional<std::string> interpreter;  // PT_INTERP when set
  bool dynamic = false;                    // PT_DYNAMIC even without entries (static-pie)
  std::vector<std::string> needed;
  std::optional<std::string> runpath;
  std::optional<std::string> rpath;
  bool strtab_after_dynamic = false;  // normally .dynstr precedes .dynamic
  size_t padding_before_dynamic = 0;  // zero bytes between the first parts and the dynamic part
  uint64_t load_address = 0x400000;
};

std::vector<std::byte> BuildElf(const ElfSpec& spec);

}  // namespace slimage::testing
