#!/usr/bin/env bash
# Times the live image sources against what the usual tools take to fetch the same image:
#   slimage analyze docker://IMAGE          vs  docker save IMAGE | tar -t
#   slimage analyze registry://REF --insecure  vs  skopeo copy docker://REF dir:TMP
# in one run, and prints both ratios. It needs a daemon and a registry that hold the image:
# `scripts/integration.sh build --bench` starts both, builds the fixtures and calls this.
# Usage: DOCKER_HOST=unix:///…/docker.sock bench/sources_bench.sh SLIMAGE IMAGE HOST:PORT/NAME:TAG
set -euo pipefail
slimage=${1:?usage: sources_bench.sh SLIMAGE IMAGE HOST:PORT/NAME:TAG}
image=${2:?image name in the daemon}
reference=${3:?image reference in the registry}
docker_cli=${DOCKER_CLI:-/usr/bin/docker}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
best_of() {  # best_of N command...: the fastest of N runs, in seconds
  local runs=$1 best="" t0 t1 took
  shift
  for ((i = 0; i < runs; i++)); do
    t0=$(now)
    "$@" > /dev/null 2>&1
    t1=$(now)
    took=$(elapsed "$t0" "$t1")
    if [[ -z "$best" ]] || (($(echo "$took < $best" | bc -l))); then best=$took; fi
  done
  echo "$best"
}
save_list() { "$docker_cli" save "$image" | tar -t > /dev/null; }
skopeo_copy() {
  rm -rf "$scratch/copy"
  skopeo copy --quiet --src-tls-verify=false "docker://$reference" "dir:$scratch/copy"
}

runs=${SLIMAGE_BENCH_RUNS:-3}
engine_ours=$(best_of "$runs" "$slimage" analyze "docker://$image" --format json --fail-on none)
engine_base=$(best_of "$runs" save_list)
registry_ours=$(best_of "$runs" "$slimage" analyze "registry://$reference" --insecure --format json --fail-on none)
registry_base=$(best_of "$runs" skopeo_copy)
registry_history=$(best_of "$runs" "$slimage" history "registry://$reference" --insecure --no-layers)

size=$("$docker_cli" image inspect --format '{{.Size}}' "$image")
printf 'image %s (%s bytes), best of %s runs\n' "$image" "$size" "$runs"
printf 'docker://   slimage analyze %6.2f s  | docker save | tar -t %6.2f s  | ratio %.2fx\n' \
  "$engine_ours" "$engine_base" "$(echo "$engine_ours / $engine_base" | bc -l)"
printf 'registry:// slimage analyze %6.2f s  | skopeo copy to dir:  %6.2f s  | ratio %.2fx\n' \
  "$registry_ours" "$registry_base" "$(echo "$registry_ours / $registry_base" | bc -l)"
printf 'registry:// slimage history --no-layers %6.2f s (manifest and config only)\n' "$registry_history"
