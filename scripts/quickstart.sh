#!/usr/bin/env bash
# The README's first command: installs what is needed, builds, and runs slimage on the
# bundled examples (a Dockerfile and a small `docker save` archive).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release

# Exit 1 means "findings at or above --fail-on": the examples are meant to have some.
run() {
  echo
  echo "\$ build/slimage $*"
  local status=0
  build/slimage "$@" || status=$?
  [[ $status -le 1 ]] || exit "$status"
}
run lint examples/Dockerfile
run analyze examples/example-image.tar
