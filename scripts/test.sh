#!/usr/bin/env bash
# The README's test command: installs what is needed, builds, runs every test.
#   scripts/test.sh          release build, all tests
#   scripts/test.sh asan     the same under AddressSanitizer + UndefinedBehaviorSanitizer (unit tests only)
# The release pass also runs the HTML reports' browser tests (scripts/browser-test.sh) and the integration tests against a real dockerd and registry
# (scripts/integration.sh, docs/integration-tests.md).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
bash scripts/install-deps.sh
bash scripts/build.sh "$kind"
dir=build; [[ "$kind" == asan ]] && dir=build-asan
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
if [[ "$kind" == release ]]; then
  bash scripts/browser-test.sh "$dir"  # the HTML reports in chromium (docs/html-report.md)
  bash scripts/integration.sh "$dir"
else
  echo "test.sh: integration tests (real dockerd and registry) ran in the release pass, not under $kind"
fi
