#!/usr/bin/env bash
# The HTML reports in a real browser (docs/html-report.md): writes the fixtures, then runs
# tests/browser/report_test.mjs in Debian's chromium through playwright-core. The reports and a
# screenshot of each go to BUILD_DIR/browser-artifacts/ (CI keeps it as an artefact).
#   scripts/browser-test.sh [BUILD_DIR]    (default build; needs scripts/install-deps.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
root=$PWD
fixtures="$root/$dir/browser-fixtures"
artifacts="$root/$dir/browser-artifacts"
rm -rf "$artifacts"
"$dir/tests/slimage_browser_fixtures" "$fixtures" tests/browser/fixtures/measure.json
cd tests/browser
SLIMAGE_BINARY="$root/$dir/slimage" SLIMAGE_FIXTURES="$fixtures" SLIMAGE_ARTIFACTS="$artifacts" \
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node --test --test-concurrency=1 report_test.mjs
