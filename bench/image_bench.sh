#!/usr/bin/env bash
# Times `slimage analyze` on a large generated image against two floors:
#   A: `gzip -dc LAYER | tar -t` for every layer, one after another
#   B: `igzip -dc LAYER > /dev/null` for every layer, one after another
# and reports both ratios and slimage's peak RSS. The image is cached under /tmp.
# Usage: bench/image_bench.sh [path/to/slimage]   (default: build/slimage)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
slimage="${1:-$here/../build/slimage}"
cache="${SLIMAGE_BENCH_CACHE:-/tmp/slimage-bench-image}"
mkdir -p "$cache"
if [[ ! -f "$cache/image.tar" ]]; then
  echo "generating the bench image in $cache (once)..." >&2
  python3 "$here/make_bench_image.py" "$cache"
fi

now() { date +%s.%N; }
t0=$(now)
for layer in "$cache"/layer-*.tar.gz; do gzip -dc "$layer" | tar -t > /dev/null; done
t1=$(now)
/usr/bin/time -f '%U %S' -o "$cache/igzip-cpu.txt" \
  sh -c 'for layer in "$1"/layer-*.tar.gz; do igzip -dc "$layer" > /dev/null; done' sh "$cache"
t2=$(now)
/usr/bin/time -v "$slimage" analyze "$cache/image.tar" --format json --fail-on none > /dev/null 2> "$cache/time.txt"
t3=$(now)

floor_tar=$(echo "$t1 - $t0" | bc -l)
floor_igzip=$(echo "$t2 - $t1" | bc -l)
ours=$(echo "$t3 - $t2" | bc -l)
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$cache/time.txt")
printf 'image: %s (%s)\n' "$cache/image.tar" "$(du -h "$cache/image.tar" | cut -f1)"
printf 'floor gzip -dc | tar -t : %6.2f s\n' "$floor_tar"
printf 'floor igzip -dc          : %6.2f s\n' "$floor_igzip"
printf 'slimage analyze          : %6.2f s   (%.2fx the tar floor, %.2fx the igzip floor)\n' \
  "$ours" "$(echo "$ours / $floor_tar" | bc -l)" "$(echo "$ours / $floor_igzip" | bc -l)"
printf 'peak RSS                 : %d MB\n' "$((rss_kb / 1024))"
# CPU seconds (user+sys) are what to compare on a loaded machine: wall time depends on
# how much of the 2 cores the run got.
igzip_cpu=$(awk '{print $1 + $2}' "$cache/igzip-cpu.txt")
ours_cpu=$(awk -F: '/User time|System time/ {s += $2} END {print s}' "$cache/time.txt")
ours_share=$(awk -F: '/Percent of CPU/ {gsub(/[ %]/, "", $2); print $2}' "$cache/time.txt")
printf 'CPU seconds              : slimage %.2f (%s%% of one core), igzip floor %.2f\n' \
  "$ours_cpu" "$ours_share" "$igzip_cpu"
