#!/usr/bin/env bash
# The streamed sources against `slimage analyze` of the same image's archive, side by side in
# one run (bench/side_by_side.py):
#   slimage analyze docker://bench/spread:latest       (the Engine's export, read as it streams)
#   slimage analyze registry://127.0.0.1:PORT/bench/spread:latest --insecure   (gzip blobs over HTTP)
# and docker:// also against `docker save` to /dev/null (the Engine's export alone), and
# registry:// also against an OCI layout of the very blobs the registry serves (the archive's own), and
# prints the CPU each server used per run,
# on bench/make_spread_image.py's image (100,000 files, 1 GB, Pareto sizes). It starts its own
# dockerd (vfs) and docker-registry on 127.0.0.1 under /tmp/slimage-bench.XXXXXX, loads and
# pushes the image, and stops both by PID (and unmounts) when it ends. Needs root and the
# packages of scripts/install-deps.sh --engine.
# Usage: bench/streamed_bench.sh [path/to/slimage] [RUNS]   (default: build/slimage, 5)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
slimage="$(realpath "${1:-$here/../build/slimage}")"
runs=${2:-5}
spread="${SLIMAGE_BENCH_SPREAD:-/tmp/slimage-bench-spread}"
docker_cli=/usr/bin/docker
if [[ ! -f $spread/image.tar ]]; then
  mkdir -p "$spread"
  python3 "$here/make_spread_image.py" "$spread" >&2
fi

work=$(mktemp -d /tmp/slimage-bench.XXXXXX)
stop_pid() {  # stop_pid PIDFILE: TERM, then KILL after 30 s; only a process whose command line names $work
  local pid i
  pid=$(cat "$1" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$work" || return 0
  kill -TERM "$pid"
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
teardown() {
  set +e
  stop_pid "$work/registry.pid"
  if [[ -S $work/docker.sock ]]; then
    DOCKER_HOST="unix://$work/docker.sock" timeout 300 "$docker_cli" system prune -af >/dev/null 2>&1
  fi
  stop_pid "$work/dockerd.pid"
  for mount in $(findmnt -rn -o TARGET | grep -F "$work/" | sort -r); do umount "$mount" || umount -l "$mount"; done
  findmnt -rn -o TARGET | grep -qF "$work/" || rm -rf "$work"
}
trap teardown EXIT
export DOCKER_HOST="unix://$work/docker.sock" DOCKER_CONFIG="$work/docker-config"
mkdir -p "$DOCKER_CONFIG"
dockerd --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none --host="$DOCKER_HOST" \
  --data-root="$work/data" --exec-root="$work/exec" --pidfile="$work/pid" >"$work/dockerd.log" 2>&1 &
echo $! >"$work/dockerd.pid"
for ((i = 0; i < 300; i++)); do "$docker_cli" version >/dev/null 2>&1 && break; sleep 0.2; done
"$docker_cli" version >/dev/null || { tail "$work/dockerd.log" >&2; exit 1; }
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry-data
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
echo $! >"$work/registry.pid"
for ((i = 0; i < 150; i++)); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done
"$docker_cli" load -q -i "$spread/image.tar" >/dev/null
# The registry serves the archive's own gzip blobs (an OCI layout of them, pushed as they are:
# no recompression), so registry://, oci: and the archive inflate the very same bytes.
python3 "$here/archive_to_oci.py" "$spread" "$work/oci" latest
skopeo copy --quiet --dest-tls-verify=false "oci:$work/oci:latest" "docker://127.0.0.1:$port/bench/spread:latest"
skopeo inspect --raw --tls-verify=false "docker://127.0.0.1:$port/bench/spread:latest" |
  python3 -c 'import json, sys; pushed = [l["digest"] for l in json.load(sys.stdin)["layers"]]
index = json.load(open(sys.argv[1] + "/index.json"))["manifests"][0]["digest"].split(":")[1]
local = [l["digest"] for l in json.load(open(sys.argv[1] + "/blobs/sha256/" + index))["layers"]]
sys.exit(0 if pushed == local else "the registry holds other blobs than the layout (recompressed?)")' "$work/oci"
echo "dockerd and docker-registry up; bench:spread loaded, and its own blobs pushed and laid out as OCI" >&2

# cpu_seconds PIDFILE: user+system CPU the process has used so far (a server's share of a section)
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$(cat "$1")/stat"; }
# server_share PIDFILE BEFORE WHAT: prints the server's CPU per run of the side that used it (runs + a warm-up)
server_share() {
  awk -v a="$2" -v b="$(cpu_seconds "$1")" -v n="$((runs + 1))" -v what="$3" \
    'BEGIN { printf "  %s used %.3f CPU-s per run of the same two cores\n", what, (b - a) / n }'
}

archive="$slimage analyze $spread/image.tar --format json --fail-on none"
echo "== docker:// (the Engine's export of the loaded image: uncompressed layers)"
before=$(cpu_seconds "$work/dockerd.pid")
python3 "$here/side_by_side.py" -n "$runs" --cwd "$work" --label-a "analyze docker://bench:spread" \
  --label-b "analyze the archive" "$slimage analyze docker://bench:spread --format json --fail-on none" "$archive"
server_share "$work/dockerd.pid" "$before" "dockerd"
echo "== docker:// against the Engine's own export, read and thrown away (what the stream costs before slimage reads a byte)"
python3 "$here/side_by_side.py" -n "$runs" --cwd "$work" --label-a "analyze docker://bench:spread" \
  --label-b "docker save bench:spread > /dev/null" "$slimage analyze docker://bench:spread --format json --fail-on none" \
  "sh -c '$docker_cli save bench:spread > /dev/null'"
echo "== registry:// (the archive's gzip blobs over HTTP on 127.0.0.1; it also checks each blob's digest)"
before=$(cpu_seconds "$work/registry.pid")
python3 "$here/side_by_side.py" -n "$runs" --cwd "$work" --label-a "analyze registry://…/bench/spread" \
  --label-b "analyze the archive" \
  "$slimage analyze registry://127.0.0.1:$port/bench/spread:latest --insecure --format json --fail-on none" "$archive"
server_share "$work/registry.pid" "$before" "docker-registry"
echo "== oci:LAYOUT against the archive (the same blobs: what checking each blob's digest costs)"
python3 "$here/side_by_side.py" -n "$runs" --cwd "$work" --label-a "analyze oci:LAYOUT (the same blobs)" \
  --label-b "analyze the archive" "$slimage analyze oci:$work/oci:latest --format json --fail-on none" "$archive"
echo "== registry:// against an OCI layout of the same blobs (both digests checked on both sides)"
python3 "$here/side_by_side.py" -n "$runs" --cwd "$work" --label-a "analyze registry://…/bench/spread" \
  --label-b "analyze oci:LAYOUT (the same blobs)" \
  "$slimage analyze registry://127.0.0.1:$port/bench/spread:latest --insecure --format json --fail-on none" \
  "$slimage analyze oci:$work/oci:latest --format json --fail-on none"
