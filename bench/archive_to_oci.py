#!/usr/bin/env python3
"""Writes an OCI image layout of a bench image's own gzip blobs (hard links where it can):
   bench/archive_to_oci.py BENCH_DIR OUT_DIR [TAG]
BENCH_DIR is what make_bench_image.py or make_spread_image.py wrote (image.tar and its
layer-N.tar.gz). Pushed with skopeo, the layout puts those very bytes in a registry, so
registry://, oci: and the archive inflate the same blobs."""
import hashlib, json, os, shutil, sys, tarfile


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def put_blob(blobs, data=None, source=None):
    """Stores bytes (or links a file) under blobs/sha256/<hex>; returns the descriptor's digest and size."""
    hex_digest = hashlib.sha256(data).hexdigest() if source is None else sha256_file(source)
    target = os.path.join(blobs, hex_digest)
    if not os.path.exists(target):
        if source is None:
            with open(target, "wb") as f:
                f.write(data)
        else:
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
    return "sha256:" + hex_digest, os.path.getsize(target)


def main():
    bench_dir, out_dir = sys.argv[1], sys.argv[2]
    tag = sys.argv[3] if len(sys.argv) > 3 else "latest"
    with tarfile.open(os.path.join(bench_dir, "image.tar")) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))[0]
        config = archive.extractfile(manifest["Config"]).read()
    blobs = os.path.join(out_dir, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    layers = []
    for name in manifest["Layers"]:
        digest, size = put_blob(blobs, source=os.path.join(bench_dir, name))
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": size})
    config_digest, config_size = put_blob(blobs, data=config)
    image_manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
        "layers": layers}).encode()
    manifest_digest, manifest_size = put_blob(blobs, data=image_manifest)
    index = {"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest, "size": manifest_size,
        "annotations": {"org.opencontainers.image.ref.name": tag}}]}
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump(index, f)
    with open(os.path.join(out_dir, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)


if __name__ == "__main__":
    main()
