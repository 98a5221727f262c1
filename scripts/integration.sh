#!/usr/bin/env bash
# Integration tests against real servers (issue 5): a private dockerd, a real registry, real builds.
#
#   scripts/integration.sh [BUILD_DIR] [--shell | --bench | GTEST_ARGS...]  (BUILD_DIR defaults to build/)
#
# Starts a private dockerd (vfs, no bridge, no iptables, socket in a fresh temp dir), imports the
# cached mmdebstrap base, builds the fixtures of tests/integration/fixtures with
# `docker build --network host`, saves them (docker save, skopeo OCI layouts), starts
# `docker-registry serve` on 127.0.0.1, pushes every fixture in Docker v2 and OCI form plus a
# multi-platform index, measures the expected figures in real containers, writes all of it to an
# env file and runs BUILD_DIR/tests/slimage_integration_tests with it. Everything it starts is
# stopped by PID at the end, whatever happens (trap), mounts under the temp dir are unmounted and
# the temp dir is removed. `--shell` opens a shell with the env file loaded instead of running
# the tests (for debugging; everything is torn down when the shell exits). `--bench` also runs
# bench/sources_bench.sh on the wasteful fixture after the tests (docker:// against
# `docker save | tar -t`, registry:// against `skopeo copy`).
#
# When dockerd cannot be started here it prints a banner `INTEGRATION TESTS SKIPPED: reason` and
# exits 0; with CI=true a skip is a failure (exit 1). See docs/integration-tests.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build_dir=build
if [[ $# -gt 0 && $1 != -* ]]; then build_dir=$1; shift; fi
[[ $build_dir == /* ]] || build_dir="$root/$build_dir"
open_shell=false
if [[ ${1:-} == --shell ]]; then open_shell=true; shift; fi
run_bench=false
if [[ ${1:-} == --bench ]]; then run_bench=true; shift; fi
test_args=("$@")

cache_dir=${SLIMAGE_IT_CACHE_DIR:-/var/cache/slimage-tests}
base_tar="$cache_dir/bookworm-minbase.tar"
base_image=slimage-test/bookworm:base
prefix=slimage-it
fixture_dir="$root/tests/integration/fixtures"
fixtures=(wasteful go-static go-dynamic shellless apt-ideal)
docker_cli=/usr/bin/docker  # Debian's client; /usr/local/bin/docker is another one
python=/usr/bin/python3
[[ -x $python ]] || python=python3
tests_binary="$build_dir/tests/slimage_integration_tests"
t0=$(date +%s)

exec 3>&2  # the script's stderr, also inside a step whose output goes to a log file
log() { printf 'integration [%4ss]: %s\n' "$(($(date +%s) - t0))" "$*" >&3; }

skip() {
  local line='################################################################################'
  {
    echo "$line"
    echo "## INTEGRATION TESTS SKIPPED: $*"
    if [[ ${CI:-} == true ]]; then
      echo "## CI=true: a skipped integration run is a failure"
    else
      echo "## (nothing was tested against a real dockerd or registry; CI must run them)"
    fi
    echo "$line"
  } >&2
  [[ ${CI:-} == true ]] && exit 1
  exit 0
}

# --- stopping what we start: by PID, checked against the run's own temp dir ------------------

# cmdline_has PID DIR: whether the process's command line names DIR (so that the PID is ours).
cmdline_has() {
  [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "$2"
}

# stop_pid PID WHAT DIR: SIGTERM, wait up to 30 s, then SIGKILL; only when PID runs with DIR.
stop_pid() {
  local pid=$1 what=$2 dir=$3 i
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if ! cmdline_has "$pid" "$dir"; then
    log "not stopping PID $pid ($what): its command line does not name $dir"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  log "$what (PID $pid) still running after 30 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# teardown_dir DIR: everything a run left under DIR (this run's, or a run killed with -9).
teardown_dir() {
  local dir=$1 pid mount
  [[ -n $dir && -d $dir && $dir == /tmp/slimage-it.* ]] || return 0
  [[ -f $dir/registry.pid ]] && stop_pid "$(cat "$dir/registry.pid")" docker-registry "$dir"
  [[ -f $dir/registry-tls.pid ]] && stop_pid "$(cat "$dir/registry-tls.pid")" "docker-registry (TLS)" "$dir"
  [[ -f $dir/podman.pid ]] && stop_pid "$(cat "$dir/podman.pid")" "podman service" "$dir"
  [[ -f $dir/pypi.pid ]] && stop_pid "$(cat "$dir/pypi.pid")" "package index" "$dir"
  pid=$(cat "$dir/pid" 2>/dev/null || cat "$dir/dockerd.pid" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && cmdline_has "$pid" "$dir"; then
    # vfs keeps every layer in full: drop images and build cache before the daemon goes
    DOCKER_HOST="unix://$dir/docker.sock" DOCKER_CONFIG="$dir/docker-config" \
      timeout 300 "$docker_cli" system prune -af >/dev/null 2>&1 || log "docker system prune failed (data root removed anyway)"
    stop_pid "$pid" dockerd "$dir"
  fi
  # dockerd stops its containerd and shims; any process left that runs from DIR is ours
  for pid in /proc/[0-9]*; do
    pid=${pid#/proc/}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    cmdline_has "$pid" "$dir/" && stop_pid "$pid" "leftover $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-60)" "$dir/"
  done
  # dockerd leaves mounts under its roots (a netns mount, the data root): deepest first
  for mount in $(findmnt -rn -o TARGET | grep -F "$dir/" | sort -r); do
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || log "could not unmount $mount"
  done
  if findmnt -rn -o TARGET | grep -qF "$dir/"; then
    log "mounts left under $dir: not removing it"
    return 1
  fi
  rm -rf "$dir"
}

# Runs of this script that were killed with -9 leave their temp dir, daemon and mounts: the
# next run cleans them up (only dirs whose owner script is gone).
clean_stale_runs() {
  local dir owner
  for dir in /tmp/slimage-it.*; do
    [[ -d $dir ]] || continue
    owner=$(cat "$dir/owner.pid" 2>/dev/null || true)
    if [[ $owner =~ ^[0-9]+$ ]] && kill -0 "$owner" 2>/dev/null && cmdline_has "$owner" integration.sh; then
      continue  # another run in progress
    fi
    log "cleaning up $dir, left by a run that was killed"
    teardown_dir "$dir" || true
  done
}

# Long steps run in the background and are waited for, so that a TERM or INT reaches the trap
# at once (bash runs traps only between foreground commands); the trap stops the step by PID.
child=""
in_background() {
  local rc=0
  "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

work=""
torn_down=false
# shellcheck disable=SC2317  # run by the traps
teardown() {
  $torn_down && return 0
  torn_down=true
  set +e
  if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  rm -f "$base_tar.$$.partial"  # an mmdebstrap stopped half way
  if [[ -n $work ]]; then
    log "tearing down (dockerd, registry, mounts, $work)"
    teardown_dir "$work"
  fi
}
trap 'teardown' EXIT
trap 'teardown; exit 130' INT
trap 'teardown; exit 143' TERM
trap 'log "failed: line $LINENO: $BASH_COMMAND"' ERR

# --- tools -------------------------------------------------------------------------------------

[[ $(id -u) -eq 0 ]] || skip "a private dockerd needs root (running as $(id -un))"
if [[ ! -x $tests_binary ]]; then
  echo "integration: $tests_binary is missing: build first (scripts/build.sh)" >&2
  exit 2
fi
bash scripts/install-deps.sh --engine >/dev/null || log "install-deps.sh --engine failed"
for tool in dockerd "$docker_cli" docker-registry skopeo mmdebstrap podman curl readelf setpriv "$python"; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/install-deps.sh --engine installs it)"
done

clean_stale_runs

# --- dockerd ---------------------------------------------------------------------------------

work=$(mktemp -d /tmp/slimage-it.XXXXXX)
chmod 755 "$work"  # the permission-denied test runs as nobody: the socket itself must refuse it
echo "$$" >"$work/owner.pid"
mkdir -p "$work/logs" "$work/archives" "$work/oci" "$work/bin" "$work/docker-config"
log "temp dir $work"
export DOCKER_HOST="unix://$work/docker.sock" DOCKER_CONFIG="$work/docker-config" DOCKER_BUILDKIT=0
dk() { "$docker_cli" "$@"; }

dockerd --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none \
  --host="$DOCKER_HOST" --data-root="$work/data" --exec-root="$work/exec" --pidfile="$work/pid" \
  >"$work/logs/dockerd.log" 2>&1 &
echo $! >"$work/dockerd.pid"
dockerd_pid=$!
for ((i = 0; ; i++)); do
  if dk version >/dev/null 2>&1; then break; fi
  if ! kill -0 "$dockerd_pid" 2>/dev/null; then
    tail -n 20 "$work/logs/dockerd.log" >&2 || true
    skip "dockerd exited at start ($(grep -m1 -iE 'level=(fatal|error)|failed' "$work/logs/dockerd.log" | cut -c1-200 || echo 'see its log above'))"
  fi
  if ((i >= 300)); then
    tail -n 20 "$work/logs/dockerd.log" >&2 || true
    skip "dockerd did not answer on $work/docker.sock within 60 s"
  fi
  sleep 0.2
done
log "dockerd $(dk version --format '{{.Server.Version}}') up (PID $dockerd_pid)"

# --- base image: mmdebstrap once per machine, docker import every run ---------------------------

if [[ ! -s $base_tar ]]; then
  log "making $base_tar with mmdebstrap (once per machine; a few minutes)"
  mkdir -p "$cache_dir"
  partial="$base_tar.$$.partial"
  rm -f "$partial"
  in_background mmdebstrap --quiet --format=tar --variant=minbase --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    bookworm "$partial" >"$work/logs/mmdebstrap.log" 2>&1 || { tail -n 30 "$work/logs/mmdebstrap.log" >&2; rm -f "$partial"; exit 1; }
  mv "$partial" "$base_tar"
fi
dk import --change 'CMD ["/bin/bash"]' --message "mmdebstrap --variant=minbase bookworm" "$base_tar" "$base_image" >/dev/null
log "base image $base_image imported from $base_tar"

# --- fixtures ------------------------------------------------------------------------------------

for name in "${fixtures[@]}"; do
  context="$fixture_dir/$name"
  [[ $name == go-* ]] && context="$fixture_dir/go-src"  # both Go images build the same program
  if ! in_background "$docker_cli" build --network host -t "$prefix/$name:latest" -f "$fixture_dir/$name/Dockerfile" "$context" \
    >"$work/logs/build-$name.log" 2>&1; then
    tail -n 40 "$work/logs/build-$name.log" >&2
    echo "integration: docker build of fixture $name failed (log above)" >&2
    exit 1
  fi
  dk save -o "$work/archives/$name.tar" "$prefix/$name:latest"
  skopeo copy --quiet "docker-archive:$work/archives/$name.tar" "oci:$work/oci/$name:latest"
  log "built $prefix/$name, saved to archives/$name.tar and oci/$name"
done

# --- expected figures, measured in real containers ------------------------------------------------

env_file="$work/integration.env"
emit() { printf '%s=%q\n' "$1" "$2" >>"$env_file"; }
key() { echo "$1" | tr 'a-z-' 'A-Z_'; }
run_root() { dk run --rm --network none --user 0 "$@"; }

# --- slimage fix, proven by building: fix-wasteful as written ("before") and as fixed ("after") ---

fix_file="$work/fix-wasteful.fixed.Dockerfile"
if ! "$build_dir/slimage" fix "$fixture_dir/fix-wasteful/Dockerfile" >"$fix_file" 2>"$work/logs/fix-wasteful.fix.log"; then
  cat "$work/logs/fix-wasteful.fix.log" >&2; echo "integration: slimage fix of fix-wasteful failed" >&2; exit 1
fi
for variant in before after; do
  file="$fixture_dir/fix-wasteful/Dockerfile"
  [[ $variant == after ]] && file=$fix_file
  if ! in_background "$docker_cli" build --network host -t "$prefix/fix-wasteful:$variant" -f "$file" \
    "$fixture_dir/wasteful" >"$work/logs/build-fix-wasteful-$variant.log" 2>&1; then
    tail -n 40 "$work/logs/build-fix-wasteful-$variant.log" >&2
    echo "integration: docker build of fix-wasteful ($variant) failed (log above)" >&2
    exit 1
  fi
  if dk run --rm --network none "$prefix/fix-wasteful:$variant" >"$work/logs/run-fix-wasteful-$variant.log" 2>&1; then
    code=0
  else
    code=$?
  fi
  emit "SLIMAGE_IT_FIX_WASTEFUL_$(key "$variant")_RUN_EXIT" "$code"
  emit "SLIMAGE_IT_FIX_WASTEFUL_$(key "$variant")_RUN_LOG" "$work/logs/run-fix-wasteful-$variant.log"
done
emit SLIMAGE_IT_FIX_WASTEFUL_FIXED_DOCKERFILE "$fix_file"
log "built fix-wasteful as written and as fixed by slimage fix"

# du in byte mode over the regular files of a folder (what the image stores; `du -sb FOLDER`
# also counts the folders' own st_size, which no layer stores)
# shellcheck disable=SC2016  # $1 is the inner shell's
du_files='find "$1" -type f -print0 | du -cb --files0-from=- | tail -n 1 | cut -f 1'
# (one container: with vfs each one copies the whole root filesystem)
read -r lists_bytes lists_du_sb app_bytes < <(run_root "$prefix/wasteful" sh -c "
  du_files() { $du_files; }
  echo \$(du_files /var/lib/apt/lists) \$(du -sb /var/lib/apt/lists | cut -f 1) \$(du_files /opt/app)")
emit SLIMAGE_IT_WASTEFUL_APT_LISTS_BYTES "$lists_bytes"
emit SLIMAGE_IT_WASTEFUL_APT_LISTS_DU_SB "$lists_du_sb"
emit SLIMAGE_IT_WASTEFUL_APP_BYTES "$app_bytes"
read -r fix_lists_bytes fix_app_bytes < <(run_root "$prefix/fix-wasteful:before" sh -c "
  du_files() { $du_files; }
  echo \$(du_files /var/lib/apt/lists) \$(du_files /opt/app)")
emit SLIMAGE_IT_FIX_WASTEFUL_BEFORE_APT_LISTS_BYTES "$fix_lists_bytes"
emit SLIMAGE_IT_FIX_WASTEFUL_BEFORE_APP_BYTES "$fix_app_bytes"

# the regular-file bytes of a container made from IMAGE (docker export), minus the empty files
# that docker's init layer adds (/.dockerenv, /etc/hosts, ...): the final size of a scratch image
export_bytes() {
  local cid
  cid=$(dk create "$1")
  dk export "$cid" | "$python" -c '
import sys, tarfile
init = {".dockerenv", "etc/hostname", "etc/hosts", "etc/resolv.conf", "etc/mtab", "dev/console"}
total = count = 0
for member in tarfile.open(fileobj=sys.stdin.buffer, mode="r|"):
    if member.isreg() and member.name.strip("/") not in init:
        total += member.size; count += 1
print(total, count)'
  dk rm "$cid" >/dev/null
}

for name in go-static go-dynamic shellless; do
  read -r bytes count < <(export_bytes "$prefix/$name")
  emit "SLIMAGE_IT_$(key "$name")_FINAL_SIZE" "$bytes"
  emit "SLIMAGE_IT_$(key "$name")_REGULAR_FILES" "$count"
  if dk run --rm --network none "$prefix/$name" >"$work/logs/run-$name.log" 2>&1; then code=0; else code=$?; fi
  emit "SLIMAGE_IT_$(key "$name")_RUN_EXIT" "$code"
done

for name in go-static go-dynamic; do
  cid=$(dk create "$prefix/$name")
  dk cp "$cid:/hello" "$work/bin/$name.hello"
  dk rm "$cid" >/dev/null
  interpreter=$(readelf -lW "$work/bin/$name.hello" | sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p')
  needed=$(readelf -dW "$work/bin/$name.hello" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | tr '\n' ' ')
  if [[ $name == go-static && -n $interpreter ]]; then
    echo "integration: go-static's /hello asks for $interpreter: not a static binary" >&2; exit 1
  fi
  if [[ $name == go-dynamic && ( -z $interpreter || $needed != *libc.so.6* ) ]]; then
    echo "integration: go-dynamic's /hello is not linked against libc (interpreter '$interpreter', needed '$needed')" >&2; exit 1
  fi
  emit "SLIMAGE_IT_$(key "$name")_BINARY_BYTES" "$(stat -c %s "$work/bin/$name.hello")"
  emit "SLIMAGE_IT_$(key "$name")_INTERPRETER" "$interpreter"
  emit "SLIMAGE_IT_$(key "$name")_NEEDED" "${needed% }"
done
log "expected figures measured"

# --- image pairs for slimage diff: single- vs multi-stage Go, the base with and without vim -----

for pair in go-single:go-src debian-vim:debian-vim; do
  name=${pair%%:*}
  context="$fixture_dir/${pair#*:}"
  if ! in_background "$docker_cli" build --network host -t "$prefix/$name:latest" -f "$fixture_dir/$name/Dockerfile" \
    "$context" >"$work/logs/build-$name.log" 2>&1; then
    tail -n 40 "$work/logs/build-$name.log" >&2
    echo "integration: docker build of fixture $name failed (log above)" >&2
    exit 1
  fi
done
# what dpkg itself says of vim in the image (the expected package row of the diff)
read -r vim_version vim_installed_size < <(run_root "$prefix/debian-vim" dpkg-query -W -f '${Version} ${Installed-Size}\n' vim)
emit SLIMAGE_IT_VIM_VERSION "$vim_version"
emit SLIMAGE_IT_VIM_INSTALLED_SIZE_KIB "$vim_installed_size"
emit SLIMAGE_IT_BASE_IMAGE "$base_image"
log "built go-single and debian-vim for the diff pairs (vim $vim_version, $vim_installed_size KiB)"

# --- the Debian package (cpack), installed with apt in a container of the Debian base ----------------

deb_dir="$work/deb"
if ! (cd "$build_dir" && cpack -G DEB -B "$deb_dir") >"$work/logs/cpack.log" 2>&1; then
  tail -n 30 "$work/logs/cpack.log" >&2
  echo "integration: cpack -G DEB failed (log above)" >&2
  exit 1
fi
deb=$(find "$deb_dir" -maxdepth 1 -name 'slimage_*.deb' | head -n 1)
[[ -n $deb ]] || { echo "integration: cpack made no slimage_*.deb in $deb_dir" >&2; exit 1; }
emit SLIMAGE_IT_DEB_DEPENDS "$(dpkg-deb -f "$deb" Depends)"
# apt resolves the declared dependencies from the Debian mirror (the only network use here)
# shellcheck disable=SC2016  # expanded in the container
dk run --rm --network host -v "$deb_dir:/pkg:ro" -v "$root/examples:/examples:ro" "$base_image" sh -c '
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "/pkg/$1" >/dev/null || exit 100
  slimage version; echo "== lint"; slimage lint - </examples/Dockerfile; echo "== lint exit $?"
  echo "== files"; dpkg -L slimage' sh "$(basename "$deb")" >"$work/logs/deb-run.log" 2>&1 || true
emit SLIMAGE_IT_DEB_LOG "$work/logs/deb-run.log"
log "built $(basename "$deb"), installed and ran it in $base_image"

# --- registry --------------------------------------------------------------------------------------

port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
registry="127.0.0.1:$port"
cat >"$work/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry-data
  delete:
    enabled: true
http:
  addr: $registry
EOF
docker-registry serve "$work/registry.yml" >"$work/logs/registry.log" 2>&1 &
echo $! >"$work/registry.pid"
"$python" tests/integration/registry_tool.py wait "$registry" 30 || { tail -n 20 "$work/logs/registry.log" >&2; exit 1; }
log "docker-registry up on $registry (PID $(cat "$work/registry.pid"))"

push() {  # push ARCHIVE_NAME FORMAT REPO:TAG
  skopeo copy --quiet --dest-tls-verify=false --format "$2" "docker-archive:$work/archives/$1.tar" "docker://$registry/$3"
}
for name in "${fixtures[@]}"; do
  push "$name" v2s2 "$prefix/$name:v2s2"
  push "$name" oci "$prefix/$name:oci"
done
# a multi-platform index: go-static for linux/amd64, and shellless labelled linux/arm64/v8
push go-static oci "$prefix/multi:amd64"
push shellless oci "$prefix/multi:shellless"
"$python" tests/integration/registry_tool.py make-index "$registry" "$prefix/multi" amd64 shellless arm64 latest
for arch in amd64 arm64; do  # skopeo, not slimage, checks that the index resolves as meant
  got=$(skopeo inspect --tls-verify=false --override-os linux --override-arch "$arch" \
    "docker://$registry/$prefix/multi:latest" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["Architecture"])')
  [[ $got == "$arch" ]] || { echo "integration: skopeo resolves multi:latest for $arch to $got" >&2; exit 1; }
done
# an image whose layer blobs are gone from the registry: only the manifest and config can be read
push wasteful v2s2 "$prefix/nolayers:v2s2"
emit SLIMAGE_IT_NOLAYERS_LAYER_SIZES "$("$python" tests/integration/registry_tool.py layer-sizes "$registry" "$prefix/nolayers" v2s2)"
"$python" tests/integration/registry_tool.py drop-layers "$registry" "$prefix/nolayers" v2s2
for name in "${fixtures[@]}"; do
  for form in v2s2 oci; do
    emit "SLIMAGE_IT_$(key "$name")_$(key "$form")_LAYER_SIZES" \
      "$("$python" tests/integration/registry_tool.py layer-sizes "$registry" "$prefix/$name" "$form")"
  done
done
log "pushed ${#fixtures[@]} fixtures in v2s2 and oci form, the multi-platform index and nolayers"

# --- a registry served over TLS that wants a client certificate (certs.d / --cert-dir) -------------

tls="$work/tls"
tls_port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tls_registry="127.0.0.1:$tls_port"
cert_dir="$tls/certs.d/$tls_registry"
mkdir -p "$cert_dir" "$tls/ca-only"
{
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=slimage-test-ca -keyout "$tls/ca.key" -out "$tls/ca.crt"
  openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$tls/server.key" -out "$tls/server.csr"
  # (DNS:localhost for slimage's own image, whose libcurl uses mbedTLS 2.28: it matches no IP SAN)
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/server.ext" -out "$tls/server.crt"
  openssl req -newkey rsa:2048 -nodes -subj /CN=slimage-test-client -keyout "$cert_dir/client.key" -out "$tls/client.csr"
  printf 'extendedKeyUsage=clientAuth\n' >"$tls/client.ext"
  openssl x509 -req -in "$tls/client.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
    -extfile "$tls/client.ext" -out "$cert_dir/client.cert"
} >"$work/logs/openssl.log" 2>&1 || { tail -n 20 "$work/logs/openssl.log" >&2; exit 1; }
cp "$tls/ca.crt" "$cert_dir/ca.crt"
cp "$cert_dir/client.cert" "$tls/client.cert"
cp "$cert_dir/client.key" "$tls/client.key"
cp "$tls/ca.crt" "$tls/ca-only/ca.crt"
sed -e "s|rootdirectory: .*|rootdirectory: $work/registry-tls-data|" -e "s|addr: .*|addr: $tls_registry|" \
  "$work/registry.yml" >"$work/registry-tls.yml"
printf '  tls:\n    certificate: %s\n    key: %s\n    clientcas:\n      - %s\n' \
  "$tls/server.crt" "$tls/server.key" "$tls/ca.crt" >>"$work/registry-tls.yml"
docker-registry serve "$work/registry-tls.yml" >"$work/logs/registry-tls.log" 2>&1 &
echo $! >"$work/registry-tls.pid"
for ((i = 0; ; i++)); do
  # (curl's --cert takes "file:password": the certs.d folder's name has a colon, so not from there)
  curl -sf --cacert "$tls/ca.crt" --cert "$tls/client.cert" --key "$tls/client.key" \
    "https://$tls_registry/v2/" >/dev/null && break
  if ((i >= 150)); then tail -n 20 "$work/logs/registry-tls.log" >&2; echo "integration: the TLS registry did not start" >&2; exit 1; fi
  sleep 0.2
done
skopeo copy --quiet --dest-cert-dir "$cert_dir" "docker-archive:$work/archives/go-static.tar" \
  "docker://$tls_registry/$prefix/go-static:v2s2"
emit SLIMAGE_IT_TLS_REGISTRY "$tls_registry"
emit SLIMAGE_IT_TLS_CERT_DIR "$cert_dir"
emit SLIMAGE_IT_TLS_CA_ONLY_DIR "$tls/ca-only"
log "TLS registry (client certificates required) on $tls_registry (PID $(cat "$work/registry-tls.pid"))"

# --- slimage's own image: the root Dockerfile's `prebuilt` path, which packages the binary under test ---

# BuildKit (built into this dockerd) builds only the stages the target needs: the from-source
# `build` stage is skipped, `libs` (libcurl and libarchive from Debian's sources) is not.
own_context="$work/own-image"
mkdir -p "$own_context"
cp "$build_dir/slimage" "$own_context/slimage"
for target in runtime debug; do
  if ! in_background env DOCKER_BUILDKIT=1 "$docker_cli" build --progress=plain --network host --build-arg "BASE=$base_image" \
    --build-arg SLIMAGE_FROM=prebuilt --target "$target" -t "$prefix/own-image:$target" -f "$root/Dockerfile" \
    "$own_context" >"$work/logs/build-own-image-$target.log" 2>&1; then
    tail -n 40 "$work/logs/build-own-image-$target.log" >&2
    echo "integration: docker build of the root Dockerfile (--target $target) failed (log above)" >&2
    exit 1
  fi
done
own="$prefix/own-image:runtime"
dk save -o "$work/archives/own-image.tar" "$own"
# what the image does, run as users will (its own user, no shell), each output to a log
own_run() {  # own_run NAME DOCKER_RUN_ARGS...: stdout to logs/own-NAME.out, exit code to the env file
  local name=$1 code=0
  shift
  dk run --rm "$@" >"$work/logs/own-$name.out" 2>"$work/logs/own-$name.err" || code=$?
  emit "SLIMAGE_IT_OWN_$(key "$name")_EXIT" "$code"
  emit "SLIMAGE_IT_OWN_$(key "$name")_OUT" "$work/logs/own-$name.out"
  emit "SLIMAGE_IT_OWN_$(key "$name")_ERR" "$work/logs/own-$name.err"
}
chmod a+r "$work/archives/go-static.tar"  # (docker save writes 0600; the image runs as 65532)
own_run version --network none "$own" version
own_run lint --network none -i "$own" lint - <"$root/Dockerfile"
own_run analyze --network none -v "$work/archives:/w:ro" "$own" analyze /w/go-static.tar --format json --fail-on none
own_run registry --network host "$own" analyze "registry://$registry/$prefix/go-static:v2s2" --insecure --format json --fail-on none
mkdir -p "$work/own-certs" && cp -r "$cert_dir" "$work/own-certs/" && chmod -R a+rX "$work/own-certs"
own_run tls --network host -v "$work/own-certs:/certs:ro" "$own" analyze \
  "registry://localhost:$tls_port/$prefix/go-static:v2s2" --cert-dir "/certs/$tls_registry" --format json --fail-on none
own_run tls-ip --network host -v "$work/own-certs:/certs:ro" "$own" analyze \
  "registry://$tls_registry/$prefix/go-static:v2s2" --cert-dir "/certs/$tls_registry" --format json --fail-on none
own_run debug-shell --network none --entrypoint /bin/sh "$prefix/own-image:debug" -c 'echo "shell $(id -u)"'
emit SLIMAGE_IT_OWN_IMAGE "$own"
emit SLIMAGE_IT_OWN_DOCKERFILE "$root/Dockerfile"
emit SLIMAGE_IT_OWN_CONFIG "$root/.slimage.yaml"
read -r bytes count < <(export_bytes "$own")
emit SLIMAGE_IT_OWN_IMAGE_FINAL_SIZE "$bytes"
log "built slimage's own image ($bytes bytes in $count files), ran version, lint -, analyze of a mounted archive and registry://"

# --- podman: its Docker-compatible service, the same docker:// code against another daemon -------

podman_cmd=(podman --root "$work/podman/storage" --runroot "$work/podman/run" --storage-driver vfs
  --cgroup-manager cgroupfs --events-backend file)
for name in go-static shellless; do
  "${podman_cmd[@]}" load --quiet -i "$work/archives/$name.tar" >"$work/logs/podman-load-$name.log" 2>&1 ||
    { tail -n 20 "$work/logs/podman-load-$name.log" >&2; exit 1; }
done
"${podman_cmd[@]}" system service --time=0 "unix://$work/podman.sock" >"$work/logs/podman.log" 2>&1 &
echo $! >"$work/podman.pid"
for ((i = 0; ; i++)); do
  [[ -S $work/podman.sock ]] && curl -sf --unix-socket "$work/podman.sock" http://d/_ping >/dev/null && break
  if ((i >= 150)); then tail -n 20 "$work/logs/podman.log" >&2; echo "integration: podman's service did not start" >&2; exit 1; fi
  sleep 0.2
done
emit SLIMAGE_IT_PODMAN_HOST "unix://$work/podman.sock"

# podman as `slimage measure`'s second builder (issue 13): the same storage, named by the config
# files that podman reads from CONTAINERS_STORAGE_CONF / CONTAINERS_CONF, and the base image.
mkdir -p "$work/podman"
cat >"$work/podman/storage.conf" <<EOF_STORAGE
[storage]
driver = "vfs"
graphroot = "$work/podman/storage"
runroot = "$work/podman/run"
EOF_STORAGE
cat >"$work/podman/containers.conf" <<EOF_CONTAINERS
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$work/podman/events.log"
EOF_CONTAINERS
dk save "$base_image" | "${podman_cmd[@]}" load --quiet >"$work/logs/podman-load-base.log" 2>&1 ||
  { tail -n 20 "$work/logs/podman-load-base.log" >&2; exit 1; }
emit SLIMAGE_IT_CONTAINERS_STORAGE_CONF "$work/podman/storage.conf"
emit SLIMAGE_IT_CONTAINERS_CONF "$work/podman/containers.conf"
emit SLIMAGE_IT_FIXTURE_DIR "$fixture_dir"

# --- packages for measure's pip and npm fixtures: a PEP 503 index on 127.0.0.1, an npm tarball ----
"$python" "$root/tests/integration/make_packages.py" "$work/pypi" "$work/npm-context"
pypi_port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" -m http.server "$pypi_port" --bind 127.0.0.1 --directory "$work/pypi" >"$work/logs/pypi.log" 2>&1 &
echo $! >"$work/pypi.pid"
for ((i = 0; ; i++)); do
  curl -sf "http://127.0.0.1:$pypi_port/simple/slimage-demo/" >/dev/null && break
  if ((i >= 100)); then tail -n 20 "$work/logs/pypi.log" >&2; echo "integration: the package index did not start" >&2; exit 1; fi
  sleep 0.1
done
emit SLIMAGE_IT_PYPI "http://127.0.0.1:$pypi_port/simple"
emit SLIMAGE_IT_NPM_CONTEXT "$work/npm-context"
log "package index for pip on 127.0.0.1:$pypi_port (PID $(cat "$work/pypi.pid")), npm tarball in npm-context/"
log "podman $(podman --version | cut -d' ' -f3) service up (PID $(cat "$work/podman.pid")), go-static and shellless loaded"

emit SLIMAGE_IT_DOCKER_HOST "$DOCKER_HOST"
emit SLIMAGE_IT_DOCKER_SOCKET "$work/docker.sock"
emit SLIMAGE_IT_REGISTRY "$registry"
emit SLIMAGE_IT_ARCHIVE_DIR "$work/archives"
emit SLIMAGE_IT_OCI_DIR "$work/oci"
emit SLIMAGE_IT_PREFIX "$prefix"
emit SLIMAGE_IT_FIXTURES "${fixtures[*]}"
emit SLIMAGE_IT_TMP "$work"
emit SLIMAGE_IT_MACHINE_ARCH "$(dk version --format '{{.Server.Arch}}')"

if $open_shell; then
  log "env file $env_file; a shell with it loaded (exit to tear everything down)"
  # shellcheck disable=SC1090
  (set -a; source "$env_file"; set +a; PS1='slimage-it$ ' bash --norc -i) || true
  exit 0
fi

# --- the tests ---------------------------------------------------------------------------------------

log "running $tests_binary"
status=0
# shellcheck disable=SC2317  # run through in_background
run_tests() {
  set -a
  # shellcheck disable=SC1090
  source "$env_file"
  set +a
  unset DOCKER_HOST DOCKER_CONFIG DOCKER_BUILDKIT  # each test says which daemon it talks to
  exec "$tests_binary" --gtest_output="json:$work/results.json" "${test_args[@]}"
}
in_background run_tests || status=$?
summary=$("$python" -c '
import json, sys
data = json.load(open(sys.argv[1]))
cases = [t for suite in data.get("testsuites", []) for t in suite.get("testsuite", [])]
skipped = sum(1 for t in cases if t.get("result") == "SKIPPED")
failed = sum(1 for t in cases if t.get("failures"))
print(f"{len(cases) - skipped - failed} passed, {failed} failed, {skipped} skipped")' "$work/results.json" 2>/dev/null ||
  echo "no results (test binary exit $status)")
if $run_bench; then
  log "bench: docker:// and registry:// against docker save | tar -t and skopeo copy"
  DOCKER_CLI="$docker_cli" bash bench/sources_bench.sh "$build_dir/slimage" "$prefix/wasteful:latest" \
    "$registry/$prefix/wasteful:v2s2" | tee "$work/logs/bench.txt" >&3 || log "bench failed"
fi
log "done in $(($(date +%s) - t0)) s"
echo "integration: $summary"
exit "$status"
