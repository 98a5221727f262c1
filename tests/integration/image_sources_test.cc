// Integration tests against a real dockerd and a real registry (issue 5). scripts/integration.sh
// starts both, builds the fixtures of tests/integration/fixtures for real, measures the expected
// figures in real containers and passes everything through SLIMAGE_IT_* variables; without them
// every test here is skipped with the reason.
//
// Each fixture is read from five places that must give the same figures: the `docker save`
// archive, the skopeo OCI layout, docker://NAME on the private daemon, and registry://… in
// Docker v2 and OCI manifest form. The archive's analysis is then checked against what the
// fixture's Dockerfile must produce.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/it_support.h"
#include "util/size.h"

namespace slimage::integration {
namespace {

using nlohmann::json;

class Integration : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string missing = MissingEnvironment();
    if (!missing.empty()) GTEST_SKIP() << missing;
  }
};

std::string Prefix() { return ItEnv("PREFIX").value_or("slimage-it"); }
std::string Registry() { return ItEnv("REGISTRY").value_or(""); }
RunOptions WithDaemon() { return RunOptions{{{"DOCKER_HOST", ItEnv("DOCKER_HOST").value_or("")}}}; }
// SLIMAGE_IT_ names of a fixture: go-static -> GO_STATIC
std::string Key(std::string name) {
  for (char& c : name) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

// Where a fixture is read from, as the arguments that name it to slimage.
std::vector<std::string> SourceArgs(const std::string& fixture, const std::string& source) {
  const std::string name = Prefix() + "/" + fixture;
  if (source == "archive") return {ItEnv("ARCHIVE_DIR").value_or("") + "/" + fixture + ".tar"};
  if (source == "oci") return {"oci:" + ItEnv("OCI_DIR").value_or("") + "/" + fixture + ":latest"};
  if (source == "docker") return {"docker://" + name + ":latest"};
  if (source == "registry_v2s2") return {"registry://" + Registry() + "/" + name + ":v2s2", "--insecure"};
  if (source == "registry_oci") return {"registry://" + Registry() + "/" + name + ":oci", "--insecure"};
  ADD_FAILURE() << "unknown source " << source;
  return {};
}

// Analyses are cached: the archive's one serves as the reference of every comparison.
const json& Analysis(const std::string& fixture, const std::string& source) {
  static std::map<std::pair<std::string, std::string>, json> cache;
  auto key = std::make_pair(fixture, source);
  auto it = cache.find(key);
  if (it == cache.end()) {
    RunOptions options = source == "docker" ? WithDaemon() : RunOptions{};
    it = cache.emplace(key, AnalyzeJson(SourceArgs(fixture, source), options)).first;
  }
  return it->second;
}

// The history index of the first layer whose instruction contains TEXT, or -1.
int LayerIndexOf(const json& analysis, const std::string& text) {
  if (!analysis.is_object()) return -1;
  for (const json& layer : analysis.at("layers")) {
    if (layer.value("created_by", "").find(text) != std::string::npos) return layer.value("index", -1);
  }
  return -1;
}

std::vector<std::string> DiffIds(const json& analysis) {
  std::vector<std::string> ids;
  if (!analysis.is_object()) return ids;
  for (const json& layer : analysis.at("layers")) {
    if (!layer.value("empty_layer", false)) ids.push_back(layer.value("diff_id", ""));
  }
  return ids;
}

// --- the same figures from every source ---------------------------------------------------------

class SameFigures : public Integration,
                    public ::testing::WithParamInterface<std::tuple<std::string, std::string>> {};

TEST_P(SameFigures, AsTheDockerSaveArchive) {
  const auto& [fixture, source] = GetParam();
  const json& reference = Analysis(fixture, "archive");
  const json& analysis = Analysis(fixture, source);
  ASSERT_TRUE(reference.is_object()) << "the docker save archive of " << fixture << " did not analyse";
  ASSERT_TRUE(analysis.is_object()) << fixture << " from " << source << " did not analyse";
  json expected = SourceIndependentFigures(reference);
  json actual = SourceIndependentFigures(analysis);
  EXPECT_EQ(expected, actual) << fixture << " from " << source
                              << " differs from its docker save archive (JSON patch from archive to " << source
                              << "): " << json::diff(expected, actual).dump();
}

std::string ParamName(const ::testing::TestParamInfo<std::tuple<std::string, std::string>>& param_info) {
  std::string name = std::get<0>(param_info.param) + "_from_" + std::get<1>(param_info.param);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

const std::vector<std::string> kFixtures{"wasteful", "go-static", "go-dynamic", "shellless", "apt-ideal"};
const std::vector<std::string> kSources{"oci", "docker", "registry_v2s2", "registry_oci"};
const std::vector<std::string> kRegistrySources{"registry_v2s2", "registry_oci"};

INSTANTIATE_TEST_SUITE_P(Fixtures, SameFigures,
                         ::testing::Combine(::testing::ValuesIn(kFixtures), ::testing::ValuesIn(kSources)),
                         ParamName);

// Podman's Docker-compatible service: the same docker:// code against another daemon, which
// exports the legacy docker save layout (Docker 25+ writes the OCI one).
class PodmanFigures : public Integration, public ::testing::WithParamInterface<std::string> {};

TEST_P(PodmanFigures, AsTheDockerSaveArchive) {
  const std::string host = RequiredEnv("PODMAN_HOST");
  const json& reference = Analysis(GetParam(), "archive");
  ASSERT_TRUE(reference.is_object()) << "the docker save archive of " << GetParam() << " did not analyse";
  const json analysis =
      AnalyzeJson({"docker://" + Prefix() + "/" + GetParam() + ":latest"}, RunOptions{{{"DOCKER_HOST", host}}});
  ASSERT_TRUE(analysis.is_object()) << GetParam() << " from Podman did not analyse";
  EXPECT_EQ(SourceIndependentFigures(reference), SourceIndependentFigures(analysis))
      << json::diff(SourceIndependentFigures(reference), SourceIndependentFigures(analysis)).dump();
}

INSTANTIATE_TEST_SUITE_P(Podman, PodmanFigures, ::testing::Values("go-static", "shellless"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Compressed sizes differ between forms (docker save stores plain tars, skopeo gzips for the
// registry): a registry source's come from its manifest, layer by layer.
class ManifestSizes : public Integration,
                      public ::testing::WithParamInterface<std::tuple<std::string, std::string>> {};

TEST_P(ManifestSizes, AreTheCompressedLayerSizes) {
  const auto& [fixture, source] = GetParam();
  const json& analysis = Analysis(fixture, source);
  ASSERT_TRUE(analysis.is_object()) << fixture << " from " << source << " did not analyse";
  std::string form = source.substr(std::string("registry_").size());
  std::vector<uint64_t> manifest_sizes = RequiredNumbers(Key(fixture) + "_" + Key(form) + "_LAYER_SIZES");
  std::vector<uint64_t> reported;
  uint64_t total = 0;
  for (const json& layer : analysis.at("layers")) {
    if (layer.value("empty_layer", false)) continue;
    reported.push_back(layer.value("compressed_size", uint64_t{0}));
    total += reported.back();
  }
  EXPECT_EQ(manifest_sizes, reported);
  EXPECT_EQ(total, analysis.at("image").value("compressed_size", uint64_t{0}));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ManifestSizes,
                         ::testing::Combine(::testing::ValuesIn(kFixtures),
                                            ::testing::ValuesIn(kRegistrySources)),
                         ParamName);

// --- the figures each fixture's Dockerfile must produce ----------------------------------------

using Wasteful = Integration;

TEST_F(Wasteful, AptListsBytesEqualDuInsideAContainer) {
  const json& analysis = Analysis("wasteful", "archive");
  ASSERT_TRUE(analysis.is_object());
  uint64_t du_bytes = RequiredNumber("WASTEFUL_APT_LISTS_BYTES");
  ASSERT_GT(du_bytes, 1000000u) << "apt-get update should have left megabytes of lists";
  std::vector<json> findings = FindingsOf(analysis, "IM201");
  auto lists = std::find_if(findings.begin(), findings.end(),
                            [](const json& f) { return f.value("path", "") == "/var/lib/apt/lists"; });
  ASSERT_NE(lists, findings.end()) << "no IM201 for /var/lib/apt/lists in " << analysis.at("findings").dump();
  EXPECT_EQ(lists->value("bytes", uint64_t{0}), du_bytes)
      << "du -cb over the files of /var/lib/apt/lists in a container of the image gives " << du_bytes
      << " (du -sb of the folder, directories' own sizes included: " << RequiredEnv("WASTEFUL_APT_LISTS_DU_SB") << ")";
  EXPECT_EQ(lists->value("layer", -1), LayerIndexOf(analysis, "apt-get update"));
}

TEST_F(Wasteful, OverwrittenFileIsNamedWithItsBytes) {
  const json& analysis = Analysis("wasteful", "archive");
  ASSERT_TRUE(analysis.is_object());
  // the Dockerfile writes 100000 bytes to /opt/waste/blob.bin, and the next RUN overwrites them
  std::vector<json> findings = FindingsOf(analysis, "IM101");
  auto blob = std::find_if(findings.begin(), findings.end(),
                           [](const json& f) { return f.value("path", "") == "/opt/waste/blob.bin"; });
  ASSERT_NE(blob, findings.end()) << "no IM101 naming /opt/waste/blob.bin in " << analysis.at("findings").dump();
  EXPECT_EQ(blob->value("bytes", uint64_t{0}), 100000u);
  EXPECT_NE(blob->dump().find("head -c 100000"), std::string::npos) << "the finding names the writing layer: "
                                                                     << blob->dump();
}

TEST_F(Wasteful, AptCleanInALaterRunIsWaste) {
  const json& analysis = Analysis("wasteful", "archive");
  ASSERT_TRUE(analysis.is_object());
  std::vector<json> findings = FindingsOf(analysis, "IM101");
  auto apt = std::find_if(findings.begin(), findings.end(),
                          [](const json& f) { return f.dump().find("/var/cache/apt") != std::string::npos; });
  ASSERT_NE(apt, findings.end()) << "no IM101 for what apt-get clean removed a layer too late: "
                                 << analysis.at("findings").dump();
  EXPECT_GT(apt->value("bytes", uint64_t{0}), 0u);
  int clean = LayerIndexOf(analysis, "apt-get clean");
  ASSERT_GE(clean, 0);
  EXPECT_GT(analysis.at("layers").at(static_cast<size_t>(LayerIndexOf(analysis, "apt-get update"))).value("wasted", 0),
            0);
}

TEST_F(Wasteful, ChownAfterCopyStoresTheFilesTwice) {
  const json& analysis = Analysis("wasteful", "archive");
  ASSERT_TRUE(analysis.is_object());
  uint64_t app_bytes = RequiredNumber("WASTEFUL_APP_BYTES");
  int chown = LayerIndexOf(analysis, "chown -R");
  ASSERT_GE(chown, 0);
  std::vector<json> findings = FindingsOf(analysis, "IM102");
  auto twice = std::find_if(findings.begin(), findings.end(),
                            [&](const json& f) { return f.value("layer", -1) == chown; });
  ASSERT_NE(twice, findings.end()) << "no IM102 on the chown -R layer " << chown << ": "
                                   << analysis.at("findings").dump();
  EXPECT_EQ(twice->value("bytes", uint64_t{0}), app_bytes) << "du -cb over the files of /opt/app in a container";
  EXPECT_EQ(twice->value("path", "").rfind("/opt/app/", 0), 0u) << twice->dump();
  // the copied files are wasted by the chown layer's rewrite, and the COPY layer holds them
  int copy = LayerIndexOf(analysis, "COPY");
  ASSERT_GE(copy, 0);
  EXPECT_EQ(analysis.at("layers").at(static_cast<size_t>(copy)).value("wasted", uint64_t{0}), app_bytes);
}

TEST_F(Wasteful, HasAShellAndNoLoaderProblem) {
  const json& analysis = Analysis("wasteful", "archive");
  ASSERT_TRUE(analysis.is_object());
  EXPECT_TRUE(analysis.at("image").value("has_shell", false));
  EXPECT_TRUE(FindingsOf(analysis, "IM301").empty()) << analysis.at("findings").dump();
  EXPECT_TRUE(FindingsOf(analysis, "IM302").empty());
}

using AptIdeal = Integration;

TEST_F(AptIdeal, RegressionIm101FiredOnTheIdealAptInstall) {
  const json& analysis = Analysis("apt-ideal", "archive");
  ASSERT_TRUE(analysis.is_object());
  // Two `apt-get install --no-install-recommends … && rm -rf /var/lib/apt/lists/*` RUNs and a
  // useradd: what they hide below them is dpkg/apt/debconf/ld.so/account bookkeeping only.
  EXPECT_TRUE(FindingsOf(analysis, "IM101").empty()) << analysis.at("findings").dump();
  EXPECT_TRUE(FindingsOf(analysis, "IM102").empty()) << analysis.at("findings").dump();
  EXPECT_TRUE(FindingsOf(analysis, "IM201").empty()) << analysis.at("findings").dump();
  // ...which still counts in `wasted`: the base's /var/lib/dpkg/status was rewritten.
  const json& layers = analysis.at("layers");
  ASSERT_FALSE(layers.empty());
  EXPECT_GT(layers.at(0).value("wasted", uint64_t{0}), 0u) << layers.at(0).dump();
  EXPECT_EQ(analysis.at("image").value("wasted", uint64_t{0}),
            analysis.at("image").value("size", uint64_t{0}) - analysis.at("image").value("final_size", uint64_t{0}));
  for (const char* layer_text : {"tini", "ca-certificates", "useradd"}) {
    EXPECT_GE(LayerIndexOf(analysis, layer_text), 0) << layer_text;
  }
}

using GoImages = Integration;

TEST_F(GoImages, DynamicBinaryInScratchCannotStart) {
  const json& analysis = Analysis("go-dynamic", "archive");
  ASSERT_TRUE(analysis.is_object());
  // what really happens: the container does not start (scripts/integration.sh ran it)
  EXPECT_NE(RequiredNumber("GO_DYNAMIC_RUN_EXIT"), 0u);
  std::vector<json> findings = FindingsOf(analysis, "IM301");
  ASSERT_EQ(findings.size(), 1u) << analysis.at("findings").dump();
  EXPECT_EQ(findings[0].value("path", ""), "/hello");
  EXPECT_EQ(findings[0].value("bytes", uint64_t{0}), RequiredNumber("GO_DYNAMIC_BINARY_BYTES"));
  EXPECT_NE(findings[0].dump().find(RequiredEnv("GO_DYNAMIC_INTERPRETER")), std::string::npos)
      << "names the missing interpreter (readelf: " << RequiredEnv("GO_DYNAMIC_INTERPRETER") << "): "
      << findings[0].dump();
}

TEST_F(GoImages, StaticBinaryStarts) {
  const json& analysis = Analysis("go-static", "archive");
  ASSERT_TRUE(analysis.is_object());
  EXPECT_EQ(RequiredNumber("GO_STATIC_RUN_EXIT"), 0u);
  EXPECT_TRUE(FindingsOf(analysis, "IM301").empty()) << analysis.at("findings").dump();
}

TEST_F(GoImages, FinalSizeIsTheBinary) {
  for (const char* fixture : {"go-static", "go-dynamic"}) {
    const json& analysis = Analysis(fixture, "archive");
    ASSERT_TRUE(analysis.is_object());
    uint64_t binary = RequiredNumber(Key(fixture) + "_BINARY_BYTES");
    EXPECT_EQ(analysis.at("image").value("final_size", uint64_t{0}), binary) << fixture;
    EXPECT_EQ(analysis.at("image").value("final_size", uint64_t{0}), RequiredNumber(Key(fixture) + "_FINAL_SIZE"))
        << fixture << ": the regular-file bytes of docker export";
    EXPECT_EQ(analysis.at("image").value("wasted", uint64_t{1}), 0u) << fixture;
  }
}

using Shellless = Integration;

TEST_F(Shellless, NoShellButRuns) {
  const json& analysis = Analysis("shellless", "archive");
  ASSERT_TRUE(analysis.is_object());
  EXPECT_FALSE(analysis.at("image").value("has_shell", true));
  std::vector<json> no_shell = FindingsOf(analysis, "IM302");
  ASSERT_EQ(no_shell.size(), 1u) << analysis.at("findings").dump();
  EXPECT_EQ(no_shell[0].value("path", ""), "/bin/sh");
  // /bin/true has its loader and libc: it starts (docker run exits 0), so no IM301
  EXPECT_EQ(RequiredNumber("SHELLLESS_RUN_EXIT"), 0u);
  EXPECT_TRUE(FindingsOf(analysis, "IM301").empty()) << analysis.at("findings").dump();
  EXPECT_EQ(analysis.at("image").value("final_size", uint64_t{0}), RequiredNumber("SHELLLESS_FINAL_SIZE"))
      << "the regular-file bytes of docker export";
}

// --- the multi-platform index ----------------------------------------------------------------

using MultiPlatform = Integration;

TEST_F(MultiPlatform, PlatformFlagPicksTheArm64Entry) {
  json arm64 = AnalyzeJson({"registry://" + Registry() + "/" + Prefix() + "/multi:latest", "--insecure", "--platform",
                            "linux/arm64"});
  ASSERT_TRUE(arm64.is_object());
  EXPECT_EQ(arm64.at("image").value("architecture", ""), "arm64");
  // the arm64 entry is the shellless image with a relabelled config
  EXPECT_EQ(DiffIds(arm64), DiffIds(Analysis("shellless", "archive")));
}

TEST_F(MultiPlatform, DefaultIsTheMachinesPlatform) {
  json chosen = AnalyzeJson({"registry://" + Registry() + "/" + Prefix() + "/multi:latest", "--insecure"});
  ASSERT_TRUE(chosen.is_object());
  EXPECT_EQ(chosen.at("image").value("os", ""), "linux");
  EXPECT_EQ(chosen.at("image").value("architecture", ""), RequiredEnv("MACHINE_ARCH"));
  EXPECT_EQ(DiffIds(chosen), DiffIds(Analysis("go-static", "archive")));
}

// --- history --no-layers: compressed sizes from the manifest, no layer read -------------------------

using RegistryHistory = Integration;

TEST_F(RegistryHistory, NoLayersPrintsManifestSizesWithoutReadingLayers) {
  // the registry has lost every layer blob of nolayers:v2s2 (scripts/integration.sh deleted
  // them): only a client that reads no layer can answer
  const std::string image = "registry://" + Registry() + "/" + Prefix() + "/nolayers:v2s2";
  ProcessResult run = RunSlimage({"history", image, "--insecure", "--no-layers"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.err.empty()) << run.err;
  for (uint64_t size : RequiredNumbers("NOLAYERS_LAYER_SIZES")) {
    EXPECT_NE(run.out.find(FormatSize(size)), std::string::npos)
        << "compressed size " << size << " (" << FormatSize(size) << ") of the manifest not in:\n"
        << run.out;
  }
  ProcessResult full = RunSlimage({"analyze", image, "--insecure"});
  EXPECT_EQ(full.exit_code, 2) << "analyze must fail: the layers are gone from the registry";
}

// --- errors ------------------------------------------------------------------------------------

using Errors = Integration;

void ExpectOneLineError(const ProcessResult& run, const std::string& must_contain) {
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  std::vector<std::string> lines = Lines(run.err);
  ASSERT_EQ(lines.size(), 1u) << "one line on stderr, got:\n" << run.err;
  std::string lower = lines[0];
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  EXPECT_NE(lower.find(must_contain), std::string::npos) << "'" << must_contain << "' not in: " << lines[0];
  // the refusal of a build without the docker:// and registry:// sources names the image too
  EXPECT_EQ(lower.find("not supported"), std::string::npos) << "the source is not implemented: " << lines[0];
}

TEST_F(Errors, UnknownDockerImageIsNamed) {
  ExpectOneLineError(RunSlimage({"analyze", "docker://no-such-image"}, WithDaemon()), "no-such-image");
}

TEST_F(Errors, NoDaemonBehindTheSocket) {
  const std::string socket = RequiredEnv("TMP") + "/no-such-dir/docker.sock";
  ProcessResult run = RunSlimage({"analyze", "docker://" + Prefix() + "/shellless"},
                                 RunOptions{{{"DOCKER_HOST", "unix://" + socket}}});
  ExpectOneLineError(run, "daemon");
  EXPECT_NE(run.err.find(socket), std::string::npos) << "names the socket: " << run.err;
}

TEST_F(Errors, PermissionDeniedOnTheSocket) {
  RunOptions options = WithDaemon();
  options.as_nobody = true;
  ExpectOneLineError(RunSlimage({"analyze", "docker://" + Prefix() + "/shellless"}, options), "permission denied");
}

TEST_F(Errors, UnknownRepositoryIsNamed) {
  ExpectOneLineError(RunSlimage({"analyze", "registry://" + Registry() + "/nope:tag", "--insecure"}), "nope");
}

}  // namespace
}  // namespace slimage::integration
