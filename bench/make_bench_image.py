#!/usr/bin/env python3
"""Writes a large docker-save archive for bench/analyze_bench.sh and bench/diff_bench.sh: about 1 GB of file data in
100,000 files over 10 gzip layers, with overwrites and whiteouts. Layer blobs are kept
beside the archive (layer-N.tar.gz) for the decompression floors."""
import gzip, hashlib, io, json, os, random, sys, tarfile

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

def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))

per_layer = FILES // LAYERS
diff_ids, names, history = [], [], []
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
    data = raw.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(data).hexdigest())
    blob = gzip.compress(data, compresslevel=1, mtime=0)
    with open(os.path.join(out_dir, f"layer-{layer}.tar.gz"), "wb") as f:
        f.write(blob)
    names.append(f"layer-{layer}.tar.gz")
    history.append({"created_by": f"RUN generate layer {layer}"})

config = json.dumps({"architecture": "amd64", "os": "linux", "config": {}, "history": history,
                     "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
config_name = hashlib.sha256(config).hexdigest() + ".json"
manifest = json.dumps([{"Config": config_name, "RepoTags": ["bench:latest"], "Layers": names}]).encode()
with tarfile.open(os.path.join(out_dir, "image.tar.partial"), "w") as outer:
    for name in names:
        outer.add(os.path.join(out_dir, name), arcname=name)
    add(outer, config_name, config)
    add(outer, "manifest.json", manifest)
os.rename(os.path.join(out_dir, "image.tar.partial"), os.path.join(out_dir, "image.tar"))
