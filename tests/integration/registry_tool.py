#!/usr/bin/env python3
"""Small OCI distribution API client for scripts/integration.sh (plain HTTP, 127.0.0.1 only).

  registry_tool.py wait HOST:PORT SECONDS
      waits until GET /v2/ answers 200
  registry_tool.py layer-sizes HOST:PORT REPO TAG
      prints the manifest's layer sizes, space separated
  registry_tool.py drop-layers HOST:PORT REPO TAG
      deletes the manifest's layer blobs from REPO (the manifest and the config stay), so that
      only a client that never reads a layer can still work with REPO:TAG
  registry_tool.py make-index HOST:PORT REPO AMD64_TAG ARM64_SOURCE_TAG ARM64_TAG INDEX_TAG
      ARM64_TAG := ARM64_SOURCE_TAG with a config that says architecture arm64 (same layers);
      INDEX_TAG := an OCI image index listing AMD64_TAG (linux/amd64) and ARM64_TAG (linux/arm64)
"""
import hashlib
import json
import sys
import time
import urllib.error
import urllib.request

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
ACCEPT = ", ".join([OCI_MANIFEST, DOCKER_MANIFEST])


def host_checked(host):
    if not (host.startswith("127.0.0.1:") or host.startswith("localhost:")):
        sys.exit(f"registry_tool: refusing {host}: only a registry on this machine's loopback")
    return host


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only: never a proxy


def request(method, url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    with OPENER.open(req, timeout=60) as response:
        return response.status, dict(response.headers), response.read()


def get_manifest(host, repo, ref):
    _, headers, body = request("GET", f"http://{host}/v2/{repo}/manifests/{ref}", headers={"Accept": ACCEPT})
    return json.loads(body), headers.get("Content-Type", ""), body


def put_blob(host, repo, data):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    try:
        request("HEAD", f"http://{host}/v2/{repo}/blobs/{digest}")
        return digest
    except urllib.error.HTTPError:
        pass
    _, headers, _ = request("POST", f"http://{host}/v2/{repo}/blobs/uploads/", data=b"")
    location = headers["Location"]
    if location.startswith("/"):
        location = f"http://{host}{location}"
    separator = "&" if "?" in location else "?"
    request("PUT", f"{location}{separator}digest={digest}", data=data,
            headers={"Content-Type": "application/octet-stream"})
    return digest


def put_manifest(host, repo, tag, body, media_type):
    request("PUT", f"http://{host}/v2/{repo}/manifests/{tag}", data=body, headers={"Content-Type": media_type})
    return "sha256:" + hashlib.sha256(body).hexdigest()


def cmd_wait(host, seconds):
    deadline = time.time() + float(seconds)
    while True:
        try:
            status, _, _ = request("GET", f"http://{host}/v2/")
            if status == 200:
                return 0
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if time.time() > deadline:
            print(f"registry_tool: no registry answering on {host} after {seconds} s", file=sys.stderr)
            return 1
        time.sleep(0.2)


def cmd_layer_sizes(host, repo, tag):
    manifest, _, _ = get_manifest(host, repo, tag)
    print(" ".join(str(layer["size"]) for layer in manifest["layers"]))
    return 0


def cmd_drop_layers(host, repo, tag):
    manifest, _, _ = get_manifest(host, repo, tag)
    for layer in manifest["layers"]:
        request("DELETE", f"http://{host}/v2/{repo}/blobs/{layer['digest']}")
    for layer in manifest["layers"]:  # gone for good, while the manifest and config stay
        try:
            request("HEAD", f"http://{host}/v2/{repo}/blobs/{layer['digest']}")
            sys.exit(f"registry_tool: layer {layer['digest']} of {repo}:{tag} still answers after DELETE")
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
    get_manifest(host, repo, tag)
    request("HEAD", f"http://{host}/v2/{repo}/blobs/{manifest['config']['digest']}")
    return 0


def cmd_make_index(host, repo, amd64_tag, arm64_source_tag, arm64_tag, index_tag):
    source, media_type, _ = get_manifest(host, repo, arm64_source_tag)
    if media_type != OCI_MANIFEST:
        sys.exit(f"registry_tool: {repo}:{arm64_source_tag} is {media_type}, expected an OCI manifest")
    _, _, config_body = request("GET", f"http://{host}/v2/{repo}/blobs/{source['config']['digest']}")
    config = json.loads(config_body)
    config["architecture"] = "arm64"
    config["variant"] = "v8"
    new_config = json.dumps(config, separators=(",", ":")).encode()
    source["config"] = {"mediaType": OCI_CONFIG, "digest": put_blob(host, repo, new_config), "size": len(new_config)}
    arm64_body = json.dumps(source, separators=(",", ":")).encode()
    arm64_digest = put_manifest(host, repo, arm64_tag, arm64_body, OCI_MANIFEST)

    amd64, amd64_type, amd64_body = get_manifest(host, repo, amd64_tag)
    if amd64_type != OCI_MANIFEST:
        sys.exit(f"registry_tool: {repo}:{amd64_tag} is {amd64_type}, expected an OCI manifest")
    index = {
        "schemaVersion": 2,
        "mediaType": OCI_INDEX,
        "manifests": [
            {"mediaType": OCI_MANIFEST, "digest": "sha256:" + hashlib.sha256(amd64_body).hexdigest(),
             "size": len(amd64_body), "platform": {"os": "linux", "architecture": "amd64"}},
            {"mediaType": OCI_MANIFEST, "digest": arm64_digest, "size": len(arm64_body),
             "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
        ],
    }
    put_manifest(host, repo, index_tag, json.dumps(index, separators=(",", ":")).encode(), OCI_INDEX)
    return 0


def main(argv):
    commands = {"wait": (cmd_wait, 2), "layer-sizes": (cmd_layer_sizes, 3), "drop-layers": (cmd_drop_layers, 3),
                "make-index": (cmd_make_index, 6)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        print(__doc__, file=sys.stderr)
        return 2
    function, _ = commands[argv[1]]
    host_checked(argv[2])
    return function(*argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
