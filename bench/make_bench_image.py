#!/usr/bin/env python3
"""Writes a large docker-save archive for bench/analyze_bench.sh and bench/diff_bench.sh: about 1 GB of file data in
100,000 files over 10 gzip layers, with overwrites and whiteouts. Layer blobs are kept
beside the archive (layer-N.tar.gz) for the decompression floors."""
import io, os, random, sys, tarfile

from bench_archive import DockerArchive, add_member as add

out_dir = sys.argv[1]
LAYERS, FILES, FILE_BYTES = 10, 100_000, 10_000
rng = random.Random(42)
words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(4000)]
# Half text-like, half random: gzip gets about 2x, like real layers.
text = b" ".join(rng.choice(words) for _ in range(700_000))[: 4 << 20]
noise = os.urandom(4 << 20)
pool = text + noise

def content(i):
    start = (i * 7919) % (len(pool) - FILE_BYTES)
    return pool[start:start + FILE_BYTES]

per_layer = FILES // LAYERS
archive = DockerArchive(out_dir, "bench:latest")
for layer in range(LAYERS):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for i in range(layer * per_layer, (layer + 1) * per_layer):
            add(tar, f"data/d{i // 1000:03d}/f{i:06d}.bin", content(i))
        if layer > 0:
            prev = (layer - 1) * per_layer
            for i in range(prev, prev + 500):       # overwrite 500 files of the layer below
                add(tar, f"data/d{i // 1000:03d}/f{i:06d}.bin", content(i + 1))
            for i in range(prev + 500, prev + 1000):  # and delete 500 more
                add(tar, f"data/d{i // 1000:03d}/.wh.f{i:06d}.bin", b"")
    archive.add_layer(raw.getvalue())
archive.write()
