#!/usr/bin/env python3
"""Times two commands in turn (A B A B ...) after a warm-up run of each, and prints each
one's median wall time, CPU time and peak RSS, and the median of the pairwise A/B ratios of
wall time (pairs taken in turn hold when the machine's speed drifts).

  side_by_side.py [-n RUNS] [--cwd DIR] --label-a NAME --label-b NAME -- 'COMMAND A' 'COMMAND B'

Each command is one string split as a shell splits words (no shell runs it); its output is
thrown away. A command that exits non-zero stops the bench (exit 1)."""
import argparse, os, shlex, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("-n", type=int, default=5)
parser.add_argument("--cwd", default=None)
parser.add_argument("--label-a", default="A")
parser.add_argument("--label-b", default="B")
parser.add_argument("commands", nargs=2)
args = parser.parse_args()

def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=args.cwd)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"side_by_side: `{command}` exited {process.returncode}: {stderr.decode(errors='replace')[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

for command in args.commands:
    run(command)  # warm-up: page cache, dynamic loader
results = {0: [], 1: []}
for _ in range(args.n):
    for side in (0, 1):
        results[side].append(run(args.commands[side]))

print(f"{args.n} runs each, in turn, after one warm-up; medians")
for side, label in ((0, args.label_a), (1, args.label_b)):
    walls, cpus, rss = zip(*results[side])
    print(f"  {label:<34} wall {statistics.median(walls):6.3f} s (min {min(walls):.3f}, max {max(walls):.3f})"
          f"  CPU {statistics.median(cpus):6.3f} s  peak RSS {statistics.median(rss):6.1f} MB")
ratios = [a[0] / b[0] for a, b in zip(results[0], results[1])]
print(f"  ratio {args.label_a} / {args.label_b}: {statistics.median(ratios):.3f} (wall, median of pairs; "
      f"min {min(ratios):.3f}, max {max(ratios):.3f})")
