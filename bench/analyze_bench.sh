#!/usr/bin/env bash
# `slimage analyze --format json` against `igzip -dc` of the same layers one after another
# (the serial inflate floor), side by side in one run (bench/side_by_side.py), on two images
# generated once under /tmp:
#   uniform: 100,000 files of 10 kB, ~1 GB (bench/make_bench_image.py)
#   spread:  100,000 files, 1 GB, Pareto sizes (most a few kB, the largest 60 MB) (make_spread_image.py)
# and the peak RSS of analyze on 1,000,000 small files (100 MB), which grows with the files.
# Usage: bench/analyze_bench.sh [path/to/slimage] [RUNS]   (default: build/slimage, 5)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
slimage="$(realpath "${1:-$here/../build/slimage}")"
runs=${2:-5}
uniform="${SLIMAGE_BENCH_CACHE:-/tmp/slimage-bench-image}"
spread="${SLIMAGE_BENCH_SPREAD:-/tmp/slimage-bench-spread}"
million="${SLIMAGE_BENCH_MILLION:-/tmp/slimage-bench-million}"
make_once() {  # make_once DIR GENERATOR [ARGS...]
  local dir=$1
  shift
  [[ -f $dir/image.tar ]] && return 0
  echo "generating $dir (once)..." >&2
  mkdir -p "$dir"
  python3 "$@" "$dir" >&2
}
make_once "$uniform" "$here/make_bench_image.py"
make_once "$spread" "$here/make_spread_image.py"
make_once "$million" "$here/make_spread_image.py" --files 1000000 --bytes 100000000

# A neutral folder: a .slimage.yaml in the caller's folder would change the checks.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat >"$scratch/igzip-layers.sh" <<'SCRIPT'
#!/bin/sh
for layer in "$1"/layer-*.tar.gz; do igzip -dc "$layer" > /dev/null; done
SCRIPT
chmod +x "$scratch/igzip-layers.sh"
for image in "$uniform" "$spread"; do
  layers=("$image"/layer-*.tar.gz)
  echo "== $(basename "$image"): $(du -h "$image/image.tar" | cut -f1) archive, ${#layers[@]} gzip layers"
  python3 "$here/side_by_side.py" -n "$runs" --cwd "$scratch" --label-a "slimage analyze --format json" \
    --label-b "igzip -dc of each layer, serially" \
    "$slimage analyze $image/image.tar --format json --fail-on none" "$scratch/igzip-layers.sh $image"
done
echo "== $(basename "$million"): 1,000,000 files"
(cd "$scratch" && /usr/bin/time -f '  slimage analyze: %e s wall, %U+%S s CPU, peak RSS %M KB' \
  "$slimage" analyze "$million/image.tar" --format json --fail-on none > /dev/null 2> "$scratch/time.txt") ||
  { cat "$scratch/time.txt" >&2; exit 1; }
tail -n 1 "$scratch/time.txt"
