"""The part of the bench image generators that writes layers and the docker-save archive."""
import gzip, hashlib, io, json, os, tarfile


class DockerArchive:
    """Collects gzip layers (kept as OUT_DIR/layer-N.tar.gz for the igzip baseline) and
    writes OUT_DIR/image.tar, a docker save archive of them, atomically."""

    def __init__(self, out_dir, tag):
        self.out_dir, self.tag = out_dir, tag
        self.names, self.diff_ids, self.history = [], [], []

    def add_layer(self, tar_bytes):
        index = len(self.names)
        self.diff_ids.append("sha256:" + hashlib.sha256(tar_bytes).hexdigest())
        name = f"layer-{index}.tar.gz"
        with open(os.path.join(self.out_dir, name), "wb") as f:
            f.write(gzip.compress(tar_bytes, compresslevel=1, mtime=0))
        self.names.append(name)
        self.history.append({"created_by": f"RUN generate layer {index}"})

    def write(self):
        config = json.dumps({"architecture": "amd64", "os": "linux", "config": {}, "history": self.history,
                             "rootfs": {"type": "layers", "diff_ids": self.diff_ids}}).encode()
        config_name = hashlib.sha256(config).hexdigest() + ".json"
        manifest = json.dumps([{"Config": config_name, "RepoTags": [self.tag], "Layers": self.names}]).encode()
        partial = os.path.join(self.out_dir, "image.tar.partial")
        with tarfile.open(partial, "w") as outer:
            for name in self.names:
                outer.add(os.path.join(self.out_dir, name), arcname=name)
            add_member(outer, config_name, config)
            add_member(outer, "manifest.json", manifest)
        os.rename(partial, os.path.join(self.out_dir, "image.tar"))
        return sum(os.path.getsize(os.path.join(self.out_dir, n)) for n in self.names)


def add_member(tar, name, data=b"", kind=tarfile.REGTYPE):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
