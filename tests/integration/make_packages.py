#!/usr/bin/env python3
"""Packages for slimage measure's pip and npm fixtures (issue 13), made without any registry.

  make_packages.py PYPI_DIR NPM_DIR

PYPI_DIR gets a PEP 503 "simple" index with one sdist, slimage-demo 1.0 (pip builds it into a
wheel and keeps that wheel in /root/.cache/pip: what SL306 is about); NPM_DIR gets the npm
tarball slimage-demo-1.0.0.tgz (npm keeps a copy in ~/.npm/_cacache: SL307). Each carries
about 600 kB of base64 text from a fixed seed, so the caches are big enough to see and the
same on every run.
"""
import base64
import io
import os
import random
import sys
import tarfile


def blob() -> bytes:
    return base64.encodebytes(random.Random(13).randbytes(450_000))


def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1700000000
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def main() -> None:
    pypi, npm = sys.argv[1], sys.argv[2]
    project = os.path.join(pypi, "simple", "slimage-demo")
    os.makedirs(project, exist_ok=True)
    with tarfile.open(os.path.join(project, "slimage-demo-1.0.tar.gz"), "w:gz") as tar:
        root = "slimage-demo-1.0/"
        add(tar, root + "setup.py",
            b'from setuptools import setup\n'
            b'setup(name="slimage-demo", version="1.0", packages=["slimage_demo"],\n'
            b'      package_data={"slimage_demo": ["blob.txt"]})\n')
        add(tar, root + "PKG-INFO", b"Metadata-Version: 2.1\nName: slimage-demo\nVersion: 1.0\n")
        add(tar, root + "slimage_demo/__init__.py", b"VALUE = 42\n")
        add(tar, root + "slimage_demo/blob.txt", blob())
    with open(os.path.join(project, "index.html"), "w") as page:
        page.write('<a href="slimage-demo-1.0.tar.gz">slimage-demo-1.0.tar.gz</a>\n')
    with open(os.path.join(pypi, "simple", "index.html"), "w") as page:
        page.write('<a href="slimage-demo/">slimage-demo</a>\n')
    os.makedirs(npm, exist_ok=True)
    with tarfile.open(os.path.join(npm, "slimage-demo-1.0.0.tgz"), "w:gz") as tar:
        add(tar, "package/package.json",
            b'{"name": "slimage-demo", "version": "1.0.0", "main": "index.js", "files": ["index.js", "blob.txt"]}\n')
        add(tar, "package/index.js", b"module.exports = 42;\n")
        add(tar, "package/blob.txt", blob())


if __name__ == "__main__":
    main()
