#!/usr/bin/env bash
# Installs the Debian packages slimage needs to build and test. Idempotent:
# apt-get runs only when something is missing.
#   scripts/install-deps.sh          build + unit-test dependencies
#   scripts/install-deps.sh --engine also what the integration tests need (Docker engine, registry, ...)
set -euo pipefail

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config clang ccache
  libarchive-dev libzstd-dev zlib1g-dev libisal-dev isal libcurl4-openssl-dev libssl-dev
  libxxhash-dev nlohmann-json3-dev libcli11-dev libfmt-dev libyaml-cpp-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-jsonschema
  groff-base bsdextrautils zsh fish
)
ENGINE_PACKAGES=(
  docker.io docker-registry skopeo umoci mmdebstrap golang-go podman curl openssl
)

packages=("${BUILD_PACKAGES[@]}")
if [[ "${1:-}" == "--engine" ]]; then
  packages+=("${ENGINE_PACKAGES[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages (${missing[*]}); run as root" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
