// registry://HOST[:PORT]/NAME[:TAG|@DIGEST], checked against the distribution spec's grammar:
// NAME is path components of [a-z0-9]+ joined by '.', '_', '__' or '-'+; TAG is
// [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}; DIGEST is sha256:<64 hex>.
#pragma once

#include <string>

#include "util/expected.h"

namespace slimage::net {

struct RegistryReference {
  std::string host;        // "registry.example.com", "127.0.0.1:5000", "[::1]:5000"
  std::string repository;  // "library/debian"
  std::string tag;         // "latest" when neither a tag nor a digest is given; "" with a digest
  std::string digest;      // "sha256:…" or ""
  // What the manifest is fetched by: the digest when there is one, else the tag.
  const std::string& reference() const { return digest.empty() ? tag : digest; }
  // "HOST/NAME:TAG" or "HOST/NAME@DIGEST".
  std::string Display() const;
};

// Errors are one line: "<text>: malformed registry reference: <why>; expected registry://HOST[:PORT]/NAME[:TAG|@DIGEST]".
Expected<RegistryReference> ParseRegistryReference(const std::string& text);

}  // namespace slimage::net
