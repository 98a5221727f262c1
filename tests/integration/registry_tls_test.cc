// registry:// against a registry served over TLS by a CA made for the test, which wants a client
// certificate (scripts/integration.sh): the certs.d layout, given with --cert-dir.
#include <gtest/gtest.h>

#include "integration/it_support.h"

namespace slimage::integration {
namespace {

class RegistryTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = MissingEnvironment(); !missing.empty()) GTEST_SKIP() << missing;
  }
  static std::string Image() {
    return "registry://" + RequiredEnv("TLS_REGISTRY") + "/" + ItEnv("PREFIX").value_or("slimage-it") + "/go-static:v2s2";
  }
};

TEST_F(RegistryTls, CertDirWithTheCaAndAClientCertificateReadsTheImage) {
  const nlohmann::json over_tls = AnalyzeJson({Image(), "--cert-dir", RequiredEnv("TLS_CERT_DIR")});
  const nlohmann::json archive = AnalyzeJson({RequiredEnv("ARCHIVE_DIR") + "/go-static.tar"});
  EXPECT_EQ(SourceIndependentFigures(over_tls), SourceIndependentFigures(archive));
}

TEST_F(RegistryTls, WithoutTheCaTheServerIsNotTrusted) {
  ProcessResult run = RunSlimage({"analyze", Image()});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find(RequiredEnv("TLS_REGISTRY")), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("certificate"), std::string::npos) << run.err;
}

TEST_F(RegistryTls, WithTheCaButNoClientCertificateTheRegistryRefuses) {
  ProcessResult run = RunSlimage({"analyze", Image(), "--cert-dir", RequiredEnv("TLS_CA_ONLY_DIR")});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_EQ(Lines(run.err).size(), 1u) << run.err;
  EXPECT_NE(run.err.find(RequiredEnv("TLS_REGISTRY")), std::string::npos) << run.err;
}

}  // namespace
}  // namespace slimage::integration
