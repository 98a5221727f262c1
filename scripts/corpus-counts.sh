#!/usr/bin/env bash
# Per-rule finding counts over shared/corpus/dockerfiles (for docs/lint-rules.md):
#   scripts/corpus-counts.sh [SLIMAGE_BINARY] [CORPUS_DIR]
# Prints "RULE  severity  findings  files" sorted by rule, then the totals. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
slimage=${1:-build/slimage}
corpus=${2:-../shared/corpus/dockerfiles}
[[ -x "$slimage" ]] || { echo "corpus-counts: no binary at $slimage (run scripts/build.sh)" >&2; exit 2; }
[[ -d "$corpus" ]] || { echo "corpus-counts: no corpus at $corpus" >&2; exit 2; }
files=()
for f in "$corpus"/*; do
  [[ -f "$f" && "$(basename "$f")" != SOURCES.tsv ]] && files+=("$f")
done
"$slimage" lint --format json --fail-on none "${files[@]}" | python3 -c '
import json, sys
report = json.load(sys.stdin)
counts, files, severity = {}, {}, {}
for entry in report["files"]:
    for finding in entry["findings"]:
        rule = finding["rule"]
        counts[rule] = counts.get(rule, 0) + 1
        files.setdefault(rule, set()).add(entry["file"])
        severity[rule] = finding["severity"]
print("{:<6}  {:<8}  {:>8}  {:>5}".format("rule", "severity", "findings", "files"))
for rule in sorted(counts):
    print(f"{rule:<6}  {severity[rule]:<8}  {counts[rule]:>8}  {len(files[rule]):>5}")
total = sum(counts.values())
flagged = len({f for s in files.values() for f in s})
print("total: {} findings in {} of {} files".format(total, flagged, len(report["files"])))
'
