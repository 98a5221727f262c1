#!/usr/bin/env bash
# Times `slimage lint` over shared/corpus/dockerfiles beside dockerfilelint (npm), both
#   - whole corpus in one process (best of RUNS), and
#   - one process per file (mean wall time per file),
# and prints the ratio. Targets: whole corpus < 0.5 s; a single file < 5 ms. The per-file
# column also shows the floor: the same loop running an empty C++ program (static libstdc++,
# as slimage is linked), i.e. what starting any process costs on this machine.
#   bench/lint_bench.sh [SLIMAGE_BINARY] [CORPUS_DIR]     (RUNS=5 by default)
# dockerfilelint is installed into a temporary prefix (never committed); set
# DOCKERFILELINT_PREFIX to reuse one, or SKIP_DOCKERFILELINT=1 to time slimage only.
set -euo pipefail
cd "$(dirname "$0")/.."
slimage=$(realpath "${1:-build/slimage}")
corpus=${2:-../shared/corpus/dockerfiles}
runs=${RUNS:-5}
[[ -x "$slimage" ]] || { echo "lint_bench: no binary at $slimage (run scripts/build.sh)" >&2; exit 2; }
files=()
for f in "$corpus"/*; do
  [[ -f "$f" && "$(basename "$f")" != SOURCES.tsv ]] && files+=("$f")
done
count=${#files[@]}

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

# Best wall time of $runs runs of "$@" (output discarded; exit status ignored: findings exit 1).
best_of() {
  local best="" start end t
  for ((i = 0; i < runs; i++)); do
    start=$(now); "$@" >/dev/null 2>&1 || true; end=$(now)
    t=$(elapsed "$start" "$end")
    if [[ -z "$best" ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}

# Mean wall time per file of one process per file.
per_file() {
  local start end
  start=$(now)
  for f in "${files[@]}"; do "$@" "$f" >/dev/null 2>&1 || true; done
  end=$(now)
  echo "$(elapsed "$start" "$end") / $count" | bc -l
}

floor_dir=$(mktemp -d /tmp/slimage-lint-bench.XXXXXX)
trap 'rm -rf "$floor_dir"' EXIT
printf '#include <iostream>\nint main() { std::cout << ""; }\n' >"$floor_dir/empty.cc"
g++ -O2 -static-libstdc++ -static-libgcc "$floor_dir/empty.cc" -o "$floor_dir/empty"
floor_each=$(per_file "$floor_dir/empty")

slimage_whole=$(best_of "$slimage" lint --format json "${files[@]}")
slimage_each=$(per_file "$slimage" lint --format json)

dfl_whole="" dfl_each=""
if [[ "${SKIP_DOCKERFILELINT:-0}" != 1 ]]; then
  prefix=${DOCKERFILELINT_PREFIX:-$(mktemp -d /tmp/slimage-dockerfilelint.XXXXXX)}
  if [[ ! -x "$prefix/node_modules/.bin/dockerfilelint" ]]; then
    npm install --silent --no-audit --no-fund --prefix "$prefix" dockerfilelint >/dev/null 2>&1 ||
      echo "lint_bench: npm install dockerfilelint failed; timing slimage only" >&2
  fi
  dfl="$prefix/node_modules/.bin/dockerfilelint"
  if [[ -x "$dfl" ]]; then
    dfl_whole=$(best_of "$dfl" -o json "${files[@]}")
    dfl_each=$(per_file "$dfl" -o json)
  fi
fi

ms() { printf '%.2f ms' "$(echo "$1 * 1000" | bc -l)"; }
sec() { printf '%.3f s' "$1"; }
echo "corpus: $count Dockerfiles ($corpus), best of $runs runs for the whole corpus"
printf '%-16s %-22s %-22s\n' "" "whole corpus (1 proc)" "per file (1 proc each)"
printf '%-16s %-22s %-22s\n' "slimage" "$(sec "$slimage_whole")" "$(ms "$slimage_each")"
printf '%-16s %-22s %-22s\n' "empty C++ prog" "" "$(ms "$floor_each")"
if [[ -n "$dfl_whole" ]]; then
  printf '%-16s %-22s %-22s\n' "dockerfilelint" "$(sec "$dfl_whole")" "$(ms "$dfl_each")"
  printf '%-16s %-22s %-22s\n' "ratio (dfl/sl)" "$(printf '%.1fx' "$(echo "$dfl_whole / $slimage_whole" | bc -l)")" \
    "$(printf '%.1fx' "$(echo "$dfl_each / $slimage_each" | bc -l)")"
fi
echo "targets: whole corpus < 0.5 s ($(echo "$slimage_whole < 0.5" | bc -l | sed 's/1/met/;s/0/missed/')), one file < 5 ms ($(echo "$slimage_each < 0.005" | bc -l | sed 's/1/met/;s/0/missed/'))"
