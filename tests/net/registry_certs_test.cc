#include "net/registry_certs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace slimage::net {
namespace {

std::string Folder(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "slimage-certs-" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(RegistryCerts, CaFilesAreConcatenatedInNameOrderAndTheClientPairIsFound) {
  const std::string dir = Folder("pair");
  std::ofstream(dir + "/b.crt") << "-----B-----";  // no final newline: one is added
  std::ofstream(dir + "/a.crt") << "-----A-----\n";
  std::ofstream(dir + "/client.cert") << "cert";
  std::ofstream(dir + "/client.key") << "key";
  std::ofstream(dir + "/README") << "ignored";
  auto tls = FindRegistryTls("reg.example:5000", dir);
  ASSERT_TRUE(tls) << tls.error().message;
  EXPECT_EQ(tls->folder, dir);
  EXPECT_EQ(tls->ca_pem, "-----A-----\n-----B-----\n");
  EXPECT_EQ(tls->client_cert_file, dir + "/client.cert");
  EXPECT_EQ(tls->client_key_file, dir + "/client.key");
}

TEST(RegistryCerts, AHalfPairIsAnErrorNamingTheFile) {
  const std::string dir = Folder("half");
  std::ofstream(dir + "/client.cert") << "cert";
  auto tls = FindRegistryTls("reg.example", dir);
  ASSERT_FALSE(tls);
  EXPECT_EQ(tls.error().message, dir + "/client.cert: client certificate without its key " + dir + "/client.key");
  const std::string keys = Folder("key-only");
  std::ofstream(keys + "/client.key") << "key";
  auto key_only = FindRegistryTls("reg.example", keys);
  ASSERT_FALSE(key_only);
  EXPECT_EQ(key_only.error().message, keys + "/client.key: client key without its certificate " + keys + "/client.cert");
}

TEST(RegistryCerts, NoFolderMeansTheSystemCasAndAMissingCertDirIsAnError) {
  auto none = FindRegistryTls("no-such-registry.invalid:1", "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->folder, "");
  EXPECT_EQ(none->ca_pem, "");
  auto missing = FindRegistryTls("reg.example", "/nonexistent/certs");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "--cert-dir /nonexistent/certs: not a folder");
}

TEST(RegistryCerts, CandidatesInThePodmanThenDockerOrder) {
  EXPECT_EQ(CertFolderCandidates("127.0.0.1:5000", "/home/u"),
            (std::vector<std::string>{"/etc/containers/certs.d/127.0.0.1:5000", "/etc/docker/certs.d/127.0.0.1:5000",
                                      "/home/u/.config/containers/certs.d/127.0.0.1:5000"}));
}

}  // namespace
}  // namespace slimage::net
