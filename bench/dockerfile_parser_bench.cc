// Parses every real Dockerfile of shared/corpus/dockerfiles, read into memory once.
//   build/bench/dockerfile_parser_bench --benchmark_min_time=2
// Reports bytes/s (throughput over the whole corpus) and items/s (files per second).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"
#include "util/file.h"

namespace {

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(SLIMAGE_SHARED_DIR) + "/corpus/dockerfiles")) {
      if (!entry.is_regular_file() || entry.path().filename() == "SOURCES.tsv") continue;
      if (auto text = slimage::ReadTextFile(entry.path().string())) out.push_back(std::move(*text));
    }
    return out;
  }();
  return files;
}

int64_t CorpusBytes() {
  int64_t bytes = 0;
  for (const std::string& file : Corpus()) bytes += static_cast<int64_t>(file.size());
  return bytes;
}

void BM_ParseCorpus(benchmark::State& state) {
  const std::vector<std::string>& files = Corpus();
  for (auto _ : state) {
    for (const std::string& file : files) {
      slimage::dockerfile::ParseResult result = slimage::dockerfile::Parse(file);
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files.size()));
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);

void BM_ParseAndBuildStages(benchmark::State& state) {
  const std::vector<std::string>& files = Corpus();
  for (auto _ : state) {
    for (const std::string& file : files) {
      slimage::dockerfile::ParseResult result = slimage::dockerfile::Parse(file);
      if (result.ok()) {
        slimage::dockerfile::ModelResult model = slimage::dockerfile::BuildStages(result);
        benchmark::DoNotOptimize(model);
      }
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(files.size()));
}
BENCHMARK(BM_ParseAndBuildStages)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
