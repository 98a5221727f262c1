// A base image reference as Docker reads it (distribution/reference's ParseNormalizedNamed):
// `node` -> docker.io/library/node, `ghcr.io/a/b:1@sha256:…` -> registry ghcr.io, repository
// a/b, tag 1, digest sha256:….
#pragma once

#include <string>
#include <string_view>

namespace slimage::dockerfile {

struct ImageRef {
  std::string original;    // as written after expansion
  std::string registry;    // "docker.io" when none is named
  std::string repository;  // "library/node" for official images
  std::string tag;         // empty when none is given (Docker then pulls "latest")
  std::string digest;      // "sha256:…" or empty
  bool valid = false;      // false: not a reference Docker accepts (e.g. upper case, empty)

  bool is_scratch() const { return original == "scratch"; }
  // registry/repository[:tag][@digest]
  std::string Normalized() const;
};

ImageRef ParseImageRef(std::string_view text);

}  // namespace slimage::dockerfile
