#!/usr/bin/env python3
"""Writes examples/example-image.tar: a small `docker save` archive with the usual waste
(apt lists left behind, a cleanup in a later layer, a file rewritten by chmod), so that the
quick start can show `slimage analyze` without a Docker engine. Deterministic output."""
import gzip, hashlib, io, json, sys, tarfile

def layer(entries):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data, mode in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if data is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.size = len(data)
                info.mode = mode
                tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()

def blob(size, seed):
    out, h = bytearray(), hashlib.sha256(seed.encode()).digest()
    while len(out) < size:
        h = hashlib.sha256(h).digest()
        out += h
    return bytes(out[:size])

layers = [
    ("/bin/sh -c #(nop) ADD file:base in /", layer([
        ("bin", None, 0), ("bin/sh", blob(12_000, "sh"), 0o755),
        ("etc", None, 0), ("etc/os-release", b"ID=example\n", 0o644)])),
    ("/bin/sh -c apt-get update && apt-get install -y curl", layer([
        ("var", None, 0), ("var/lib", None, 0), ("var/lib/apt", None, 0), ("var/lib/apt/lists", None, 0),
        ("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", blob(90_000, "lists"), 0o644),
        ("usr", None, 0), ("usr/bin", None, 0), ("usr/bin/curl", blob(25_000, "curl"), 0o755)])),
    ("/bin/sh -c rm -rf /var/lib/apt/lists/*", layer([
        ("var", None, 0), ("var/lib", None, 0), ("var/lib/apt", None, 0), ("var/lib/apt/lists", None, 0),
        ("var/lib/apt/lists/.wh.deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", b"", 0o644)])),
    ("/bin/sh -c #(nop) COPY file:app in /app/", layer([
        ("app", None, 0), ("app/server", blob(40_000, "app"), 0o644)])),
    ("/bin/sh -c chmod +x /app/server", layer([
        ("app", None, 0), ("app/server", blob(40_000, "app"), 0o755)])),
]

archive = io.BytesIO()
diff_ids, names, history = [], [], []
with tarfile.open(fileobj=archive, mode="w") as out:
    def add(name, data):
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(data), 0, 0o644
        out.addfile(info, io.BytesIO(data))
    for created_by, raw in layers:
        diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
        compressed = gzip.compress(raw, mtime=0)
        name = hashlib.sha256(compressed).hexdigest() + "/layer.tar"
        names.append(name)
        add(name, compressed)
        history.append({"created": "2026-01-01T00:00:00Z", "created_by": created_by})
    history.append({"created": "2026-01-01T00:00:00Z", "created_by": '/bin/sh -c #(nop) CMD ["/app/server"]',
                    "empty_layer": True})
    config = json.dumps({"architecture": "amd64", "os": "linux",
                         "config": {"Cmd": ["/app/server"]},
                         "rootfs": {"type": "layers", "diff_ids": diff_ids},
                         "history": history}, sort_keys=True).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    add(config_name, config)
    add("manifest.json", json.dumps([{"Config": config_name, "RepoTags": ["example/app:1.0"],
                                      "Layers": names}]).encode())
with open(sys.argv[1] if len(sys.argv) > 1 else "example-image.tar", "wb") as f:
    f.write(archive.getvalue())
