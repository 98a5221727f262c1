#!/usr/bin/env python3
"""Writes a docker-save archive with a realistic spread of file sizes for bench/analyze_bench.sh.

  make_spread_image.py OUT_DIR [--files N] [--bytes B]

Default: 100,000 files holding 1 GB (10^9 bytes) of data over 10 gzip layers (level 1).
Sizes follow a rank-size (Zipf/Pareto) law, size(rank) = 60 MB * rank^-b, with b solved so that
the sizes add up to --bytes: most files are a few kB, the fifty largest 1.6-60 MB and hold about
40 % of the bytes. Half of every file's bytes are random (incompressible), half word-like text.
Files are shuffled over the layers, so the layers' sizes are uneven, as in real images. Each
layer above the first overwrites 1 % of the files of the layer below and deletes another 1 %
through whiteouts, and every layer lists its directories, as `docker build` writes them.
`--files 1000000 --bytes 100000000` makes the many-small-files image of the RSS figure.
Layer blobs are kept beside the archive (layer-N.tar.gz) for the `igzip -dc` baseline."""
import argparse, io, os, random, tarfile

from bench_archive import DockerArchive, add_member as add

parser = argparse.ArgumentParser()
parser.add_argument("out_dir")
parser.add_argument("--files", type=int, default=100_000)
parser.add_argument("--bytes", type=int, default=1_000_000_000)
parser.add_argument("--layers", type=int, default=10)
args = parser.parse_args()
LARGEST = min(60_000_000, args.bytes // 4)
rng = random.Random(42)

def sizes_for(exponent):
    return [max(1, int(LARGEST * rank ** -exponent)) for rank in range(1, args.files + 1)]

low, high = 0.3, 3.0  # sum(sizes) falls as the exponent grows: bisect for --bytes
for _ in range(60):
    mid = (low + high) / 2
    if sum(sizes_for(mid)) > args.bytes: low = mid
    else: high = mid
sizes = sizes_for(high)
rng.shuffle(sizes)

words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(4000)]
text = b" ".join(rng.choice(words) for _ in range(1_500_000))[: 8 << 20]
noise = os.urandom(8 << 20)
CHUNK = 64 << 10

def content(i, size, salt=0):
    """Alternating 64 kB runs of text and noise from offsets that differ per file: half of the
    bytes are incompressible, and no run repeats within gzip's 32 kB window."""
    out, pos, k = bytearray(), (i * 7919 + salt * 104729) % (len(text) - CHUNK), i + salt
    while len(out) < size:
        pool = text if k % 2 == 0 else noise
        take = min(CHUNK, size - len(out))
        out += pool[pos:pos + take]
        pos = (pos + 40_009) % (len(pool) - CHUNK)
        k += 1
    return bytes(out)

def path_of(i):
    return f"srv/app/d{i // 1000:04d}/s{i % 1000 // 50:02d}/f{i:07d}.bin"

def dirs_of(names):
    seen = set()
    for name in names:
        parts = name.split("/")[:-1]
        for n in range(1, len(parts) + 1):
            seen.add("/".join(parts[:n]))
    return sorted(seen)

os.makedirs(args.out_dir, exist_ok=True)
order = list(range(args.files))
per_layer = [order[layer::args.layers] for layer in range(args.layers)]
archive, total_data = DockerArchive(args.out_dir, "bench:spread"), 0
for layer, files in enumerate(per_layer):
    writes = [(path_of(i), i, 0) for i in files]
    deletes = []
    if layer > 0:
        below = per_layer[layer - 1]
        step = max(1, len(below) // 100)
        writes += [(path_of(i), i, layer) for i in below[0:len(below):2 * step]]   # overwrite 1 %
        deletes = [path_of(i) for i in below[step:len(below):2 * step]]           # delete 1 %
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for directory in dirs_of([w[0] for w in writes] + deletes):
            add(tar, directory, kind=tarfile.DIRTYPE)
        for name, i, salt in writes:
            data = content(i, sizes[i], salt)
            total_data += len(data)
            add(tar, name, data)
        for name in deletes:
            head, base = name.rsplit("/", 1)
            add(tar, f"{head}/.wh.{base}")
    archive.add_layer(raw.getvalue())
compressed = archive.write()
print(f"{args.files} files, {total_data} bytes of file data (overwrites included), "
      f"{compressed} bytes compressed; exponent {high:.4f}, largest {max(sizes)}, "
      f"median {sorted(sizes)[len(sizes) // 2]}, fifty largest from {sorted(sizes)[-50]}")
