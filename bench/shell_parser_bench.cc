// Throughput of the RUN shell model (lex, parse, flatten, recognise tools).
#include <benchmark/benchmark.h>

#include <string>

#include "shell/run_analysis.h"
#include "shell/word_expander.h"

namespace {

const char* kTypicalRun =
    "set -eux; \\\n"
    "    apt-get update \\\n"
    " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl $PKGS \\\n"
    " && curl -fsSLo /tmp/t.tgz https://example.com/t.tgz \\\n"
    " && tar -xzf /tmp/t.tgz -C /usr/local \\\n"
    " && if [ -f /x ]; then rm -rf /x; fi \\\n"
    " && sh -c 'pip install --no-cache-dir -r /req.txt && npm ci' \\\n"
    " && rm -rf /var/lib/apt/lists/* /tmp/t.tgz";

void BM_AnalyzeTypicalRun(benchmark::State& state) {
  slimage::shell::Environment env;
  env.Set("PKGS", "git vim");
  std::string text = kTypicalRun;
  for (auto _ : state) {
    auto analysis = slimage::shell::AnalyzeRun(text, env);
    benchmark::DoNotOptimize(analysis);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_AnalyzeTypicalRun);

// A long RUN (about 1 MiB of chained commands): must stay linear.
void BM_AnalyzeLongRun(benchmark::State& state) {
  std::string text;
  while (text.size() < (1u << 20) - 200) text += "apt-get install -y --no-install-recommends pkg && ";
  text += "true";
  for (auto _ : state) {
    auto analysis = slimage::shell::AnalyzeRun(text, {});
    benchmark::DoNotOptimize(analysis);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_AnalyzeLongRun)->Unit(benchmark::kMillisecond);

void BM_ExpandWords(benchmark::State& state) {
  slimage::shell::Environment env;
  env.Set("BASE", "debian");
  env.Set("TAG", "12-slim");
  std::string line = "${BASE}:${TAG:-latest} \"quoted $TAG\" 'single' esc\\ aped ${UNSET:-default}";
  for (auto _ : state) {
    auto words = slimage::shell::ExpandWords(line, env);
    benchmark::DoNotOptimize(words);
  }
}
BENCHMARK(BM_ExpandWords);

}  // namespace

BENCHMARK_MAIN();
