// Fuzzes the streaming ELF reader: the first byte picks the chunk size, the rest is the file.
// Whatever the input, the scanner must not crash and the answer must not depend on chunking.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <span>

#include "image/elf_scanner.h"

namespace {

std::optional<slimage::image::ElfInfo> Scan(std::span<const std::byte> file, size_t chunk) {
  slimage::image::ElfScanner scanner(4096);  // small cap: exercises the "beyond the cap" paths
  for (size_t at = 0; at < file.size(); at += chunk) {
    scanner.Feed(file.subspan(at, std::min(chunk, file.size() - at)));
  }
  return scanner.Finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk = size_t{data[0]} + 1;
  const std::span<const std::byte> file(reinterpret_cast<const std::byte*>(data) + 1, size - 1);
  const auto chunked = Scan(file, chunk);
  const auto whole = Scan(file, file.size() + 1);
  if (chunked.has_value() != whole.has_value()) std::abort();
  if (chunked && (chunked->needed != whole->needed || chunked->interpreter != whole->interpreter ||
                  chunked->runpath != whole->runpath || chunked->rpath != whole->rpath ||
                  chunked->dynamic_complete != whole->dynamic_complete)) {
    std::abort();
  }
  return 0;
}
