// Reads what the dynamic loader needs from an ELF file as its bytes stream past once
// (layers are never extracted): the program interpreter (PT_INTERP), the needed libraries
// (DT_NEEDED), DT_RUNPATH / DT_RPATH. Bounds-checked; memory stays bounded (it keeps only
// the byte ranges it needs, up to a cap) whatever the file claims.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace slimage::image {

struct ElfInfo {
  bool is_64_bit = false;
  bool little_endian = true;
  uint8_t os_abi = 0;    // e_ident[EI_OSABI]: ELFOSABI_NONE (System V) 0, GNU/Linux 3, FreeBSD 9, ...
  uint16_t type = 0;     // ET_EXEC, ET_DYN, ...
  uint16_t machine = 0;  // EM_X86_64, EM_AARCH64, ...
  std::string interpreter;            // empty: no PT_INTERP (static, or a plain shared library)
  std::vector<std::string> needed;    // DT_NEEDED, in order
  std::vector<std::string> runpath;   // DT_RUNPATH split on ':'
  std::vector<std::string> rpath;     // DT_RPATH split on ':'
  bool dynamic_complete = true;       // false: the dynamic section could not be read in full
                                      // (beyond the cap, or truncated); do not report missing libs
};

// True when `first_bytes` start with the ELF magic.
bool LooksLikeElf(std::span<const std::byte> first_bytes);

// Memory: at most `prefix_cap` bytes of the file's start (where the string table usually
// lies, before the dynamic section), plus the program headers, PT_INTERP (4 KiB), the
// dynamic section (1 MiB) and up to 1024 strings of 4 KiB each, whatever the file claims.
class ElfScanner {
 public:
  static constexpr std::size_t kDefaultPrefixCap = std::size_t{4} << 20;

  ElfScanner();
  explicit ElfScanner(std::size_t prefix_cap);  // tests use a small cap
  ~ElfScanner();
  ElfScanner(const ElfScanner&) = delete;
  ElfScanner& operator=(const ElfScanner&) = delete;

  // Feeds the next bytes of the file, in order, from offset 0.
  void Feed(std::span<const std::byte> chunk);
  // After the last Feed: what was found; nullopt when the file is not a well-formed ELF.
  std::optional<ElfInfo> Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace slimage::image
