// The whole corpus (../shared/corpus/dockerfiles) linted, and fixed, in one process. The fix
// lints each file, plans, applies and proves (a second lint of every changed file): it must
// cost no more than twice the lint (docs/fix.md records the numbers).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fix/fixer.h"
#include "report/lint_runner.h"

namespace {

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(SLIMAGE_SHARED_DIR "/corpus/dockerfiles")) {
      if (entry.path().filename() != "SOURCES.tsv") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      out.push_back(text.str());
    }
    return out;
  }();
  return files;
}

void BM_CorpusLint(benchmark::State& state) {
  slimage::report::LintOptions options;
  for (auto _ : state) {
    size_t findings = 0;
    for (const std::string& source : Corpus()) {
      auto lint = slimage::report::LintSource("Dockerfile", source, options);
      if (lint) findings += lint->findings.size();
    }
    benchmark::DoNotOptimize(findings);
  }
}
BENCHMARK(BM_CorpusLint)->Unit(benchmark::kMillisecond);

void BM_CorpusFix(benchmark::State& state) {
  slimage::fix::FixOptions options;
  options.unsafe = state.range(0) != 0;
  for (auto _ : state) {
    size_t edits = 0;
    for (const std::string& source : Corpus()) {
      auto fixed = slimage::fix::FixSource("Dockerfile", source, options);
      if (fixed) edits += fixed->edits.size();
    }
    benchmark::DoNotOptimize(edits);
  }
}
BENCHMARK(BM_CorpusFix)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
