#!/usr/bin/env bash
# Times `slimage diff A B` on two large generated images (bench/make_bench_image.py, each
# ~1 GB of file data in 100,000 files over 10 gzip layers; the random half of the data differs
# between the two) against `slimage analyze A` then `slimage analyze B`, one after the other,
# and reports peak RSS of each. The images are cached under /tmp.
# Usage: bench/diff_bench.sh [path/to/slimage]   (default: build/slimage)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
slimage="${1:-$here/../build/slimage}"
cache_a="${SLIMAGE_BENCH_CACHE:-/tmp/slimage-bench-image}"
cache_b="${SLIMAGE_BENCH_CACHE_B:-/tmp/slimage-bench-image-b}"
for cache in "$cache_a" "$cache_b"; do
  mkdir -p "$cache"
  if [[ ! -f "$cache/image.tar" ]]; then
    echo "generating a bench image in $cache (once)..." >&2
    python3 "$here/make_bench_image.py" "$cache"
  fi
done

now() { date +%s.%N; }
run() {  # run NAME COMMAND...: wall seconds, CPU seconds and peak RSS of one command
  local name=$1; shift
  local t0 t1
  t0=$(now)
  /usr/bin/time -v "$@" > /dev/null 2> "$cache_b/$name-time.txt"
  t1=$(now)
  local cpu rss
  cpu=$(awk -F: '/User time|System time/ {s += $2} END {print s}' "$cache_b/$name-time.txt")
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$cache_b/$name-time.txt")
  printf '%-22s wall %6.2f s  CPU %6.2f s  peak RSS %5d MB\n' "$name" "$(echo "$t1 - $t0" | bc -l)" "$cpu" \
    "$((rss / 1024))"
}
run "analyze A" "$slimage" analyze "$cache_a/image.tar" --format json --fail-on none
run "analyze B" "$slimage" analyze "$cache_b/image.tar" --format json --fail-on none
run "diff A B" "$slimage" diff "$cache_a/image.tar" "$cache_b/image.tar" --format json
# Compare the diff's CPU with the two analyses' sum, and its RSS with twice one analysis.
