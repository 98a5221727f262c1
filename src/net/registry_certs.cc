#include "net/registry_certs.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "util/file.h"

namespace slimage::net {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxCertBytes = 1u << 20;  // a PEM file, not a dump

Expected<RegistryTls> ReadFolder(const fs::path& folder) {
  RegistryTls tls;
  tls.folder = folder.string();
  std::error_code error;
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) files.push_back(entry.path());
  if (error) return MakeError("{}: cannot list it: {}", folder.string(), error.message());
  std::sort(files.begin(), files.end());  // the CA bundle in a stable order
  for (const fs::path& file : files) {
    const std::string extension = file.extension().string();
    if (extension == ".crt") {
      auto pem = ReadTextFile(file.string(), kMaxCertBytes);
      if (!pem) return pem.error();
      tls.ca_pem += *pem;
      if (!tls.ca_pem.empty() && tls.ca_pem.back() != '\n') tls.ca_pem += '\n';
    } else if (extension == ".cert") {
      fs::path key = file;
      key.replace_extension(".key");
      if (!fs::exists(key)) return MakeError("{}: client certificate without its key {}", file.string(), key.string());
      if (!tls.client_cert_file.empty()) continue;  // docker uses the first pair too
      tls.client_cert_file = file.string();
      tls.client_key_file = key.string();
    } else if (extension == ".key") {
      fs::path cert = file;
      cert.replace_extension(".cert");
      if (!fs::exists(cert)) return MakeError("{}: client key without its certificate {}", file.string(), cert.string());
    }
  }
  return tls;
}

}  // namespace

std::vector<std::string> CertFolderCandidates(const std::string& host, const std::string& home) {
  std::vector<std::string> folders{"/etc/containers/certs.d/" + host, "/etc/docker/certs.d/" + host};
  if (!home.empty()) folders.push_back(home + "/.config/containers/certs.d/" + host);
  return folders;
}

Expected<RegistryTls> FindRegistryTls(const std::string& host, const std::string& cert_dir) {
  if (!cert_dir.empty()) {
    std::error_code error;
    if (!fs::is_directory(cert_dir, error)) return MakeError("--cert-dir {}: not a folder", cert_dir);
    return ReadFolder(cert_dir);
  }
  const char* home = std::getenv("HOME");
  for (const std::string& folder : CertFolderCandidates(host, home != nullptr ? home : "")) {
    std::error_code error;
    if (fs::is_directory(folder, error)) return ReadFolder(folder);
  }
  return RegistryTls{};
}

}  // namespace slimage::net
