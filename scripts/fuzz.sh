#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs one of them for N seconds.
#   scripts/fuzz.sh dockerfile_parser 300      run fuzz/dockerfile_parser_fuzz.cc for 5 minutes
#   scripts/fuzz.sh dockerfile_parser 300 -max_len=2048   extra arguments go to libFuzzer
# Seeds come from the same corpus the replay test uses; new inputs go to build-fuzz/corpus/<name>
# (not committed). A crash is written to build-fuzz/crash-*: fix it, then keep the input under
# fuzz/regressions/<name>/ so that the <name>_fuzz_replay ctest test replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/fuzz.sh TARGET [SECONDS] (TARGET as in fuzz/TARGET_fuzz.cc)}
seconds=${2:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLIMAGE_FUZZ=ON \
  -DSLIMAGE_SANITIZE=ON -DSLIMAGE_TESTS=OFF -DSLIMAGE_BENCH=OFF >/dev/null
cmake --build build-fuzz -j2 --target "${name}_fuzz"
shared=$(cd .. && pwd)/shared/corpus
images=$(cd .. && pwd)/shared/images
seeds=()
case "$name" in
  dockerfile_parser) seeds=("$shared/buildkit-parser" "$shared/buildkit-parser-negative" "$shared/dockerfiles") ;;
  # the real archives of shared/images (the two large dive ones are cut at -max_len)
  image_archive|archive_stream) seeds=("$images/dive" "$images/ggcr") ;;
esac
for dir in "fuzz/corpus/$name" "fuzz/regressions/$name"; do
  if [[ -d "$dir" ]]; then seeds+=("$dir"); fi
done
mkdir -p "build-fuzz/corpus/$name"
cd build-fuzz
# Seed directories are read-only inputs: libFuzzer writes new inputs only to the first one.
"./fuzz/${name}_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "${@:3}" \
  "corpus/$name" "${seeds[@]/#fuzz\//../fuzz/}"
