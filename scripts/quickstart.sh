#!/usr/bin/env bash
# The README's first command: installs what is needed, builds, and runs slimage on the
# bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
echo
echo "\$ build/slimage lint examples/Dockerfile"
status=0
build/slimage lint examples/Dockerfile || status=$?
# Exit 1 means "findings at or above --fail-on": the example is meant to have some.
[[ $status -le 1 ]] || exit "$status"
