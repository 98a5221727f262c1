#include "image/elf_scanner.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/elf_builder.h"

namespace slimage::image {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using slimage::testing::BuildElf;
using slimage::testing::ElfSpec;

std::optional<ElfInfo> ScanInChunks(std::span<const std::byte> bytes, size_t chunk_size,
                                    size_t prefix_cap = ElfScanner::kDefaultPrefixCap) {
  ElfScanner scanner(prefix_cap);
  for (size_t at = 0; at < bytes.size(); at += chunk_size) {
    scanner.Feed(bytes.subspan(at, std::min(chunk_size, bytes.size() - at)));
  }
  return scanner.Finish();
}

// Scans 1 byte at a time, 7 at a time and whole; the three results must agree.
std::optional<ElfInfo> Scan(std::span<const std::byte> bytes,
                            size_t prefix_cap = ElfScanner::kDefaultPrefixCap) {
  const std::optional<ElfInfo> whole = ScanInChunks(bytes, std::max<size_t>(bytes.size(), 1), prefix_cap);
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}}) {
    const std::optional<ElfInfo> chunked = ScanInChunks(bytes, chunk, prefix_cap);
    EXPECT_EQ(chunked.has_value(), whole.has_value()) << "chunk " << chunk;
    if (chunked && whole) {
      EXPECT_EQ(chunked->interpreter, whole->interpreter) << "chunk " << chunk;
      EXPECT_EQ(chunked->needed, whole->needed) << "chunk " << chunk;
      EXPECT_EQ(chunked->runpath, whole->runpath) << "chunk " << chunk;
      EXPECT_EQ(chunked->rpath, whole->rpath) << "chunk " << chunk;
      EXPECT_EQ(chunked->dynamic_complete, whole->dynamic_complete) << "chunk " << chunk;
    }
  }
  return whole;
}

std::vector<std::byte> Bytes(std::string_view text) {
  std::vector<std::byte> out;
  for (char c : text) out.push_back(static_cast<std::byte>(c));
  return out;
}

std::vector<std::byte> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> out(chars.size());
  std::memcpy(out.data(), chars.data(), chars.size());
  return out;
}

TEST(LooksLikeElfTest, ChecksTheMagic) {
  EXPECT_TRUE(LooksLikeElf(Bytes("\x7f" "ELF")));
  EXPECT_TRUE(LooksLikeElf(BuildElf({})));
  EXPECT_FALSE(LooksLikeElf(Bytes("\x7f" "EL")));
  EXPECT_FALSE(LooksLikeElf(Bytes("#!/bin/sh\n")));
  EXPECT_FALSE(LooksLikeElf({}));
}

TEST(ElfScannerTest, StaticExecutableHasNoInterpreterNorNeeded) {
  const std::optional<ElfInfo> info = Scan(BuildElf({}));
  ASSERT_TRUE(info.has_value());
  EXPECT_TRUE(info->is_64_bit);
  EXPECT_TRUE(info->little_endian);
  EXPECT_EQ(info->type, 2);
  EXPECT_EQ(info->machine, 62);
  EXPECT_EQ(info->interpreter, "");
  EXPECT_THAT(info->needed, IsEmpty());
  EXPECT_TRUE(info->dynamic_complete);
}

TEST(ElfScannerTest, ReadsTheOsAbi) {
  ElfSpec spec;
  spec.is_64_bit = false;
  spec.machine = 3;  // EM_386
  spec.os_abi = 9;   // ELFOSABI_FREEBSD
  spec.interpreter = "/usr/libexec/ld-elf.so.1";
  const std::optional<ElfInfo> info = Scan(BuildElf(spec));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->os_abi, 9);
  EXPECT_EQ(info->machine, 3);
  EXPECT_EQ(info->interpreter, "/usr/libexec/ld-elf.so.1");
  EXPECT_EQ(Scan(BuildElf({}))->os_abi, 0);  // System V
}

TEST(ElfScannerTest, DynamicExecutableWithInterpreterNeededAndRunpath) {
  ElfSpec spec;
  spec.interpreter = "/lib/ld-musl-x86_64.so.1";
  spec.needed = {"libssl.so.3", "libc.musl-x86_64.so.1"};
  spec.runpath = "$ORIGIN/../lib:/opt/app/lib";
  const std::optional<ElfInfo> info = Scan(BuildElf(spec));
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->interpreter, "/lib/ld-musl-x86_64.so.1");
  EXPECT_THAT(info->needed, ElementsAre("libssl.so.3", "libc.musl-x86_64.so.1"));
  EXPECT_THAT(info->runpath, ElementsAre("$ORIGIN/../lib", "/opt/app/lib"));
  EXPECT_THAT(info->rpath, IsEmpty());
  EXPECT_TRUE(info->dynamic_complete);
}

TEST(ElfScannerTest, RpathWithEmptyComponentsDropsThem) {
  ElfSpec spec;
  spec.needed = {"libfoo.so"};
  spec.rpath = ":/a::/b:";
  const std::optional<ElfInfo> info = Scan(BuildElf(spec));
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->rpath, ElementsAre("/a", "/b"));
  EXPECT_THAT(info->runpath, IsEmpty());
}

TEST(ElfScannerTest, ThirtyTwoBitBigEndian) {
  ElfSpec spec;
  spec.is_64_bit = false;
  spec.little_endian = false;
  spec.machine = 8;  // EM_MIPS
  spec.type = 3;     // ET_DYN
  spec.interpreter = "/lib/ld.so.1";
  spec.needed = {"libc.so.6"};
  spec.load_address = 0x10000;
  const std::optional<ElfInfo> info = Scan(BuildElf(spec));
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->is_64_bit);
  EXPECT_FALSE(info->little_endian);
  EXPECT_EQ(info->machine, 8);
  EXPECT_EQ(info->type, 3);
  EXPECT_EQ(info->interpreter, "/lib/ld.so.1");
  EXPECT_THAT(info->needed, ElementsAre("libc.so.6"));
  EXPECT_TRUE(info->dynamic_complete);
}

TEST(ElfScannerTest, StringTableAfterTheDynamicSection) {
  ElfSpec spec;
  spec.needed = {"liba.so", "libb.so"};
  spec.strtab_after_dynamic = true;
  const std::optional<ElfInfo> info = Scan(BuildElf(spec));
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->needed, ElementsAre("liba.so", "libb.so"));
  EXPECT_TRUE(info->dynamic_complete);
}

TEST(ElfScannerTest, StringTableBeyondTheKeptPrefixIsIncomplete) {
  ElfSpec spec;
  spec.needed = {"liba.so"};
  spec.padding_before_dynamic = 5000;  // the string table is at ~120, the dynamic section at ~5100
  const std::vector<std::byte> elf = BuildElf(spec);
  // A prefix of 4096 bytes still holds the string table.
  std::optional<ElfInfo> info = Scan(elf, 4096);
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->needed, ElementsAre("liba.so"));
  EXPECT_TRUE(info->dynamic_complete);
  // A prefix of 180 bytes (header, program headers, 4 bytes of the string table) does not:
  // the string has streamed past before the dynamic section names it.
  info = Scan(elf, 180);
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->needed, IsEmpty());
  EXPECT_FALSE(info->dynamic_complete);
}

TEST(ElfScannerTest, StringTableAfterDynamicNeedsNoPrefix) {
  ElfSpec spec;
  spec.needed = {"liba.so"};
  spec.strtab_after_dynamic = true;
  spec.padding_before_dynamic = 5000;
  const std::optional<ElfInfo> info = Scan(BuildElf(spec), 176);  // header + 2 program headers
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->needed, ElementsAre("liba.so"));
  EXPECT_TRUE(info->dynamic_complete);
}

TEST(ElfScannerTest, DynamicSectionCutByTheEndOfTheFileIsIncomplete) {
  ElfSpec spec;
  spec.interpreter = "/lib64/ld-linux-x86-64.so.2";
  spec.needed = {"libc.so.6"};
  std::vector<std::byte> elf = BuildElf(spec);
  elf.resize(elf.size() - 10);
  const std::optional<ElfInfo> info = Scan(elf);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->interpreter, "/lib64/ld-linux-x86-64.so.2");
  EXPECT_THAT(info->needed, IsEmpty());
  EXPECT_FALSE(info->dynamic_complete);
}

TEST(ElfScannerTest, TruncatedHeaderOrProgramHeadersIsNotAnElf) {
  const std::vector<std::byte> elf = BuildElf({});
  for (size_t length : {0, 3, 4, 16, 63, 64, 100}) {
    const std::vector<std::byte> cut(elf.begin(), elf.begin() + static_cast<std::ptrdiff_t>(length));
    EXPECT_FALSE(Scan(cut).has_value()) << length;
  }
  EXPECT_TRUE(Scan(std::span(elf).first(64 + 56)).has_value());  // the header and the one PT_LOAD
}

TEST(ElfScannerTest, GarbageIsNotAnElf) {
  EXPECT_FALSE(Scan(Bytes("#!/bin/sh\necho hello\n")).has_value());
  std::vector<std::byte> elf = BuildElf({});
  elf[4] = std::byte{3};  // EI_CLASS neither 32 nor 64
  EXPECT_FALSE(Scan(elf).has_value());
  elf = BuildElf({});
  elf[5] = std::byte{0};  // EI_DATA unknown
  EXPECT_FALSE(Scan(elf).has_value());
  elf = BuildElf({});
  elf[54] = std::byte{40};  // e_phentsize not 56
  EXPECT_FALSE(Scan(elf).has_value());
}

TEST(ElfScannerTest, HostileProgramHeaderTableOffsetIsNotAnElf) {
  std::vector<std::byte> elf = BuildElf({});
  for (size_t i = 32; i < 40; ++i) elf[i] = std::byte{0xff};  // e_phoff = 2^64 - 1
  EXPECT_FALSE(Scan(elf).has_value());
  elf = BuildElf({});
  elf[56] = std::byte{0xff};  // e_phnum = 65535: the table runs past the end of the file
  elf[57] = std::byte{0xff};
  EXPECT_FALSE(Scan(elf).has_value());
}

TEST(ElfScannerTest, HostileSegmentsNeverCrash) {
  ElfSpec spec;
  spec.interpreter = "/lib/ld.so";
  spec.needed = {"libc.so"};
  const std::vector<std::byte> base = BuildElf(spec);
  // Program headers at 64: PT_INTERP, PT_LOAD, PT_DYNAMIC; overwrite offsets and sizes.
  const std::optional<ElfInfo> intact = Scan(base);
  ASSERT_TRUE(intact.has_value());
  EXPECT_THAT(intact->needed, ElementsAre("libc.so"));
  for (size_t header = 0; header < 3; ++header) {
    for (size_t field : {8, 16, 32}) {  // p_offset, p_vaddr, p_filesz
      std::vector<std::byte> elf = base;
      for (size_t i = 0; i < 8; ++i) elf[64 + header * 56 + field + i] = std::byte{0xff};
      const std::optional<ElfInfo> info = Scan(elf);
      ASSERT_TRUE(info.has_value()) << header << " " << field;
      // Either the damage did not matter, or the scanner says it could not read everything.
      EXPECT_TRUE(!info->dynamic_complete || info->needed == std::vector<std::string>{"libc.so"})
          << header << " " << field;
    }
  }
}

// Regression (UBSan in the fuzz replay): an empty PT_INTERP passed a null pointer to memchr.
TEST(ElfScannerTest, EmptyInterpreterSegmentIsIncomplete) {
  ElfSpec spec;
  spec.interpreter = "/lib/ld.so";
  std::vector<std::byte> elf = BuildElf(spec);
  for (size_t i = 0; i < 8; ++i) elf[64 + 32 + i] = std::byte{0};  // PT_INTERP's p_filesz = 0
  const std::optional<ElfInfo> info = Scan(elf);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->interpreter, "");
  EXPECT_FALSE(info->dynamic_complete);
}

TEST(ElfScannerTest, NeededOffsetOutsideTheStringTableIsIncomplete) {
  ElfSpec spec;
  spec.needed = {"libc.so"};
  std::vector<std::byte> elf = BuildElf(spec);
  // The dynamic section is the last 4 entries: NEEDED, STRTAB, STRSZ, NULL. Make NEEDED's
  // string offset 0x7fff, beyond DT_STRSZ.
  const size_t needed_value = elf.size() - 4 * 16 + 8;
  elf[needed_value] = std::byte{0xff};
  elf[needed_value + 1] = std::byte{0x7f};
  const std::optional<ElfInfo> info = Scan(elf);
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->needed, IsEmpty());
  EXPECT_FALSE(info->dynamic_complete);
}

TEST(ElfScannerTest, BinLsNeedsLibcThroughTheX8664Loader) {
  if (!std::filesystem::exists("/bin/ls")) GTEST_SKIP() << "/bin/ls absent";
  const std::vector<std::byte> ls = ReadFile("/bin/ls");
  const std::optional<ElfInfo> info = Scan(ls);
  ASSERT_TRUE(info.has_value());
  // Written from `readelf -hld /bin/ls` on Debian 12 (coreutils 9.1).
  EXPECT_TRUE(info->is_64_bit);
  EXPECT_TRUE(info->little_endian);
  EXPECT_EQ(info->type, 3);       // ET_DYN (PIE)
  EXPECT_EQ(info->machine, 62);   // EM_X86_64
  EXPECT_EQ(info->interpreter, "/lib64/ld-linux-x86-64.so.2");
  EXPECT_THAT(info->needed, ::testing::Contains("libc.so.6"));
  EXPECT_THAT(info->runpath, IsEmpty());
  EXPECT_TRUE(info->dynamic_complete);
}

TEST(ElfScannerTest, BusctlHasARunpath) {
  const char* path = "/usr/bin/busctl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " absent";
  const std::optional<ElfInfo> info = Scan(ReadFile(path));
  ASSERT_TRUE(info.has_value());
  // Written from `readelf -d /usr/bin/busctl` (systemd 252 on Debian 12).
  EXPECT_THAT(info->needed, ElementsAre("libsystemd-shared-252.so", "libc.so.6"));
  EXPECT_THAT(info->runpath, ElementsAre("/usr/lib/x86_64-linux-gnu/systemd"));
}

TEST(ElfScannerTest, FeedingAfterTheAnswerIsCheap) {
  ElfSpec spec;
  spec.needed = {"libc.so.6"};
  ElfScanner scanner;
  scanner.Feed(BuildElf(spec));
  const std::vector<std::byte> tail(1 << 20, std::byte{0x5a});
  for (int i = 0; i < 64; ++i) scanner.Feed(tail);  // 64 MiB that are never kept
  const std::optional<ElfInfo> info = scanner.Finish();
  ASSERT_TRUE(info.has_value());
  EXPECT_THAT(info->needed, ElementsAre("libc.so.6"));
}

}  // namespace
}  // namespace slimage::image
