// RunImageChecks over a synthetic distro-sized model (100k files, 2k dynamic executables)
// and the ElfScanner over a large in-memory ELF fed in 64 KiB chunks.
#include <benchmark/benchmark.h>

#include <string>

#include "analysis/checks.h"
#include "image/elf_scanner.h"

namespace {

using slimage::analysis::FinalNode;
using slimage::analysis::ImageModel;

ImageModel SyntheticModel() {
  ImageModel model;
  model.history.push_back({"/bin/sh -c #(nop) ADD file:x in /", "", "", false, 0});
  model.layers.emplace_back();
  model.layers.back().history_index = 0;
  auto add = [&model](const std::string& path, uint64_t size, std::optional<slimage::image::ElfInfo> elf = {}) {
    FinalNode node;
    node.entry.path = path;
    node.entry.size = size;
    node.entry.elf = std::move(elf);
    model.filesystem[path] = node;
  };
  slimage::image::ElfInfo lib;
  lib.is_64_bit = true;
  lib.machine = 62;
  add("/lib64/ld-linux-x86-64.so.2", 200000, lib);
  for (int i = 0; i < 200; ++i) add("/usr/lib/x86_64-linux-gnu/lib" + std::to_string(i) + ".so", 100000, lib);
  slimage::image::ElfInfo exe = lib;
  exe.interpreter = "/lib64/ld-linux-x86-64.so.2";
  for (int i = 0; i < 20; ++i) exe.needed.push_back("lib" + std::to_string(i * 7) + ".so");
  for (int i = 0; i < 2000; ++i) add("/usr/bin/tool" + std::to_string(i), 50000, exe);
  for (int i = 0; i < 100000; ++i) add("/usr/share/pkg" + std::to_string(i % 500) + "/file" + std::to_string(i), 1000);
  model.metrics.has_shell = true;
  return model;
}

void BM_RunImageChecks(benchmark::State& state) {
  const ImageModel model = SyntheticModel();
  for (auto _ : state) {
    benchmark::DoNotOptimize(slimage::analysis::RunImageChecks(model, {}));
  }
}
BENCHMARK(BM_RunImageChecks)->Unit(benchmark::kMillisecond);

void BM_ElfScannerLargeFile(benchmark::State& state) {
  // An ELF64 header claiming one PT_DYNAMIC at 48 MiB, followed by 64 MiB of zeros.
  std::vector<std::byte> file(64u << 20);
  const unsigned char header[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
  for (size_t i = 0; i < sizeof header; ++i) file[i] = std::byte{header[i]};
  file[16] = std::byte{3};
  file[18] = std::byte{62};
  file[32] = std::byte{64};  // e_phoff
  file[54] = std::byte{56};  // e_phentsize
  file[56] = std::byte{1};   // e_phnum
  file[64] = std::byte{2};   // PT_DYNAMIC
  file[64 + 8 + 3] = std::byte{0x03};  // p_offset = 48 MiB
  file[64 + 32] = std::byte{16};        // p_filesz
  for (auto _ : state) {
    slimage::image::ElfScanner scanner;
    for (size_t at = 0; at < file.size(); at += 64u << 10) scanner.Feed(std::span(file).subspan(at, 64u << 10));
    benchmark::DoNotOptimize(scanner.Finish());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(file.size()));
}
BENCHMARK(BM_ElfScannerLargeFile)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
