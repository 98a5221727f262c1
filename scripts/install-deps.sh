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
# The browser tests of the HTML reports (scripts/browser-test.sh): Debian's chromium, driven by
# playwright-core from npm (tests/browser/package-lock.json); no browser is ever downloaded.
BROWSER_PACKAGES=(chromium)
ENGINE_PACKAGES=(
  docker.io docker-registry skopeo umoci mmdebstrap golang-go podman curl openssl
)

packages=("${BUILD_PACKAGES[@]}" "${BROWSER_PACKAGES[@]}")
# node and npm: Debian's, unless a node (e.g. NodeSource's, which bundles npm) is already there.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
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
elif [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages (${missing[*]}); run as root" >&2
  exit 1
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages, exactly as locked; again only when the lock changed.
browser_dir="$(dirname "$0")/../tests/browser"
if ! cmp -s "$browser_dir/package-lock.json" "$browser_dir/node_modules/.slimage-installed-lock"; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error &&
    cp package-lock.json node_modules/.slimage-installed-lock)
fi
