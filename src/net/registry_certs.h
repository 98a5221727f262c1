// Per-registry TLS files, as docker's `certs.d/<host>/` and skopeo's `--cert-dir` hold them:
// every `*.crt` is a CA certificate trusted for that registry, and a `NAME.cert` with its
// `NAME.key` is the client certificate presented to it (mutual TLS). The folder is
// `--cert-dir DIR` when given, else the first of /etc/containers/certs.d/<host>,
// /etc/docker/certs.d/<host> and ~/.config/containers/certs.d/<host> that exists (a port is
// part of <host>, as `docker login` writes it).
#pragma once

#include <string>
#include <vector>

#include "util/expected.h"

namespace slimage::net {

struct RegistryTls {
  std::string folder;             // "" when none applies
  std::string ca_pem;             // the *.crt files concatenated (empty: the system CAs only)
  std::string client_cert_file;   // "" for none
  std::string client_key_file;
};

// The folders searched for `host`, in order (the first that exists is used).
std::vector<std::string> CertFolderCandidates(const std::string& host, const std::string& home);

// Reads the TLS files for `host` from `cert_dir`, or from the first candidate folder that
// exists. A `.cert` without its `.key` (or the reverse) and unreadable files are errors
// naming the file; no folder at all is no TLS settings, not an error.
Expected<RegistryTls> FindRegistryTls(const std::string& host, const std::string& cert_dir);

}  // namespace slimage::net
