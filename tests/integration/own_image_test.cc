// slimage's own image (the root Dockerfile, `prebuilt` path: the binary under test packaged
// with the libraries `slimage rootfs-libs` computes): it passes slimage's own gates, and it
// works when run as users will (scripts/integration.sh runs the containers and records what
// they printed).
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "integration/it_support.h"

namespace slimage::integration {
namespace {

constexpr uint64_t kBudgetBytes = 15'000'000;  // the max-size of .slimage.yaml

class OwnImage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = MissingEnvironment(); !missing.empty()) GTEST_SKIP() << missing;
  }
  static std::string Archive() { return RequiredEnv("ARCHIVE_DIR") + "/own-image.tar"; }
  static std::string Config() { return RequiredEnv("OWN_CONFIG"); }
  // What `docker run` of NAME printed on stdout (and its exit code must be 0).
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static std::string Output(const std::string& name) {
    EXPECT_EQ(RequiredNumber("OWN_" + name + "_EXIT"), 0u)
        << "docker run (" << name << ") failed: " << Read(RequiredEnv("OWN_" + name + "_ERR"));
    return Read(RequiredEnv("OWN_" + name + "_OUT"));
  }
  static nlohmann::json Json(const std::string& name) {
    nlohmann::json document = nlohmann::json::parse(Output(name), nullptr, false);
    EXPECT_FALSE(document.is_discarded()) << name << " printed no JSON document";
    return document;
  }
};

TEST_F(OwnImage, ItsDockerfileLintsClean) {
  const ProcessResult run = RunSlimage({"lint", RequiredEnv("OWN_DOCKERFILE")});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find(" SL"), std::string::npos) << run.out;
}

TEST_F(OwnImage, AnalyzeFindsNothingAndNoWaste) {
  // (--top 0: IM303, the list of the largest files, is a listing, not a finding)
  const nlohmann::json analysis = AnalyzeJson({Archive(), "--config", Config(), "--top", "0"});
  ASSERT_TRUE(analysis.is_object());
  EXPECT_EQ(analysis.at("findings"), nlohmann::json::array()) << analysis.at("findings").dump(2);
  EXPECT_EQ(analysis.at("image").at("efficiency").get<double>(), 1.0);
  EXPECT_EQ(analysis.at("image").at("wasted").get<uint64_t>(), 0u);
  EXPECT_EQ(analysis.at("image").at("final_size").get<uint64_t>(), RequiredNumber("OWN_IMAGE_FINAL_SIZE"));
  EXPECT_FALSE(analysis.at("image").at("has_shell").get<bool>());
  // Without the project's config the only finding is the one it ignores, with its reason:
  // no shell, on purpose (the debug target has busybox).
  const nlohmann::json bare = AnalyzeJson({Archive(), "--top", "0"});
  ASSERT_TRUE(bare.is_object());
  ASSERT_EQ(bare.at("findings").size(), 1u) << bare.at("findings").dump(2);
  EXPECT_EQ(bare.at("findings")[0].at("rule"), "IM302");
  std::cout << "[ own-image ] size " << analysis.at("image").at("size").get<uint64_t>() << " bytes, "
            << analysis.at("image").at("files").get<uint64_t>() << " files\n";
}

TEST_F(OwnImage, CheckHoldsTheBudgetOfSlimageYaml) {
  const ProcessResult run = RunSlimage({"check", Archive(), "--config", Config()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("ok: 1 budget"), std::string::npos) << run.out;
  const nlohmann::json analysis = AnalyzeJson({Archive()});
  ASSERT_TRUE(analysis.is_object());
  EXPECT_LE(analysis.at("image").at("size").get<uint64_t>(), kBudgetBytes);
  // The gate is live: a budget below the image's size fails.
  const ProcessResult tight = RunSlimage({"check", Archive(), "--config", Config(), "--max-size", "1MB"});
  EXPECT_EQ(tight.exit_code, 1) << tight.out << tight.err;
  EXPECT_NE(tight.out.find("max-size: image size"), std::string::npos) << tight.out;
}

TEST_F(OwnImage, RunsVersionAndLoadsItsLibraries) {
  const std::string out = Output("VERSION");
  const ProcessResult host = RunSlimage({"version"});
  EXPECT_EQ(Lines(out).at(0), Lines(host.out).at(0));  // the binary under test
  // libarchive and libcurl are dlopen'ed: loading them proves the closure is complete
  EXPECT_NE(out.find("\n  libarchive 3."), std::string::npos) << out;
  EXPECT_NE(out.find("\n  libcurl 7."), std::string::npos) << out;
}

TEST_F(OwnImage, LintsItsDockerfileFromStdin) {
  const std::string out = Output("LINT");
  const ProcessResult host = RunSlimage({"lint", RequiredEnv("OWN_DOCKERFILE")});
  EXPECT_EQ(out, host.out);
}

TEST_F(OwnImage, AnalyzesAMountedArchiveAsTheHostBinaryDoes) {
  const nlohmann::json in_image = Json("ANALYZE");
  const nlohmann::json on_host = AnalyzeJson({RequiredEnv("ARCHIVE_DIR") + "/go-static.tar"});
  EXPECT_EQ(SourceIndependentFigures(in_image), SourceIndependentFigures(on_host));
}

TEST_F(OwnImage, ReadsRegistriesOverHttpAndOverTlsWithAClientCertificate) {
  const nlohmann::json on_host = AnalyzeJson({RequiredEnv("ARCHIVE_DIR") + "/go-static.tar"});
  EXPECT_EQ(SourceIndependentFigures(Json("REGISTRY")), SourceIndependentFigures(on_host));
  // by name: the image's libcurl uses mbedTLS 2.28, which matches a certificate's DNS names
  // only; what it says of the registry by IP address is printed (docs/packaging.md)
  EXPECT_EQ(SourceIndependentFigures(Json("TLS")), SourceIndependentFigures(on_host));
  std::cout << "[ own-image ] the TLS registry by IP address: exit " << RequiredNumber("OWN_TLS_IP_EXIT") << " "
            << Read(RequiredEnv("OWN_TLS_IP_ERR"));
}

TEST_F(OwnImage, DebugTargetHasBusyboxAndTheSameUser) {
  EXPECT_EQ(Output("DEBUG_SHELL"), "shell 65532\n");
}

}  // namespace
}  // namespace slimage::integration
