#!/usr/bin/env bash
# Configures and builds slimage.  scripts/build.sh [release|asan]  (build dir: build/ or build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
case "$kind" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DSLIMAGE_SANITIZE=ON -DSLIMAGE_BENCH=OFF) ;;
  *) echo "build.sh: unknown build kind '$kind' (release|asan)" >&2; exit 2 ;;
esac
[[ "${CI:-}" == "true" ]] && flags+=(-DSLIMAGE_WERROR=ON)
# ccache (when installed) hits across checkouts in different folders, CI's fresh clone included:
# paths under the checkout are hashed relative to it, and the build folder is not hashed for -g.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
