// `slimage measure` (issue 13) with the real dockerd of scripts/integration.sh and podman as a
// second builder: per-step sizes equal `slimage analyze` of the kept variants, the deltas add up
// to the total, a fix that breaks the smoke command is rejected, and nothing is left behind
// (images, temp files) when the variants are not kept.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "integration/it_support.h"
#include "util/process.h"

namespace slimage::integration {
namespace {

// The smoke command of measure-apt: a TLS listener on the container's own loopback (the run
// has no network), curl against it, then killall (psmisc, a Recommends of procps). curl exits 35
// when it has CA certificates (the listener then closes without a handshake) and 77 without.
constexpr const char* kAptSmoke =
    "perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => \"127.0.0.1:8443\", Listen => 1, "
    "ReuseAddr => 1) or die; $c = $s->accept; sleep 1' & sleep 0.5; "
    "curl -sS https://127.0.0.1:8443/ >/dev/null 2>&1; echo curl=$?; killall --version >/dev/null 2>&1";

class Measure : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = MissingEnvironment(); !missing.empty()) GTEST_SKIP() << missing;
    tmp_ = RequiredEnv("TMP") + "/measure-tmp-" + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::create_directories(tmp_);
  }
  static std::string Fixture(const std::string& name) { return RequiredEnv("FIXTURE_DIR") + "/" + name; }
  RunOptions Docker(bool buildkit = false) const {
    RunOptions options{{{"DOCKER_HOST", RequiredEnv("DOCKER_HOST")},
                        {"DOCKER_BUILDKIT", buildkit ? "1" : "0"},
                        {"TMPDIR", tmp_}}};
    // BuildKit through Debian's client, which has it built in (/usr/local/bin/docker here is
    // a newer client that wants the buildx plugin for it).
    if (buildkit) options.env["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin:/usr/local/bin";
    options.timeout_seconds = 900;
    return options;
  }
  RunOptions Podman() const {
    RunOptions options{{{"CONTAINERS_STORAGE_CONF", RequiredEnv("CONTAINERS_STORAGE_CONF")},
                        {"CONTAINERS_CONF", RequiredEnv("CONTAINERS_CONF")},
                        {"TMPDIR", tmp_}}};
    options.timeout_seconds = 900;
    return options;
  }
  static std::set<std::string> Lines(const std::vector<std::string>& argv, const RunOptions& env) {
    ProcessRequest request;
    request.argv = argv;
    for (const auto& [name, value] : env.env) request.env.push_back(name + "=" + value);
    auto ran = RunProcess(request);
    EXPECT_TRUE(ran && ran->exit_code == 0) << argv[0] << (ran ? ran->err : ran.error().message);
    std::set<std::string> lines;
    if (ran) {
      for (const std::string& line : integration::Lines(ran->out)) lines.insert(line);
    }
    return lines;
  }
  std::set<std::string> DockerImages() const {
    return Lines({"/usr/bin/docker", "images", "-a", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"}, Docker());
  }
  std::set<std::string> PodmanImages() const {
    return Lines({"podman", "images", "-a", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}}"}, Podman());
  }
  nlohmann::json MeasureJson(std::vector<std::string> args, const RunOptions& options) const {
    args.insert(args.begin(), "measure");
    args.insert(args.end(), {"--format", "json", "--network", "host"});
    ProcessResult result = RunSlimage(args, options);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.exit_code != 0) return nlohmann::json::object();
    return nlohmann::json::parse(result.out);
  }
  // The deltas of the steps that passed add up to the total; each is the difference of the
  // sizes of its image and the image of the step it was built on.
  static void ExpectDeltasAddUp(const nlohmann::json& report) {
    const auto& steps = report["steps"];
    int64_t sum = 0;
    for (const auto& step : steps) {
      if (step["image"].get<std::string>().empty()) continue;
      const auto& base = steps[step["based_on"].get<size_t>()];
      EXPECT_EQ(step["delta"].get<int64_t>(), step["size"].get<int64_t>() - (step["step"] == 0 ? step["size"].get<int64_t>() : base["size"].get<int64_t>()));
      if (step["smoke"] != "failed") sum += step["delta"].get<int64_t>();
    }
    EXPECT_EQ(-sum, report["total"]["saved"].get<int64_t>());
    EXPECT_EQ(report["total"]["size_before"].get<int64_t>() - report["total"]["size_after"].get<int64_t>(),
              report["total"]["saved"].get<int64_t>());
  }
  std::string tmp_;
};

TEST_F(Measure, AptStepsMatchTheAnalysesOfTheKeptImagesAndTheUnsafeFixIsCaught) {
  const nlohmann::json report = MeasureJson({Fixture("measure-apt/Dockerfile"), "--unsafe", "--keep", "--smoke", kAptSmoke},
                                            Docker());
  ASSERT_TRUE(report.contains("steps")) << report.dump();
  const auto& steps = report["steps"];
  ASSERT_EQ(steps.size(), 4u) << report.dump(2);
  EXPECT_EQ(steps[1]["rules"], nlohmann::json::array({"SL301"}));
  EXPECT_EQ(steps[2]["rules"], nlohmann::json::array({"SL302"}));
  EXPECT_EQ(steps[3]["rules"], nlohmann::json::array({"SL303"}));
  EXPECT_EQ(report["builder"], "docker");
  // Every step as `slimage analyze` measures the image it kept.
  for (const auto& step : steps) {
    const std::string tag = "slimage-measure/measure-apt:" + std::to_string(step["step"].get<int>());
    const nlohmann::json analysis = AnalyzeJson({"docker://" + tag}, Docker());
    EXPECT_EQ(step["size"], analysis["image"]["size"]) << tag;
    EXPECT_EQ(step["compressed_size"], analysis["image"]["compressed_size"]) << tag;
  }
  ExpectDeltasAddUp(report);
  EXPECT_LT(steps[1]["delta"].get<int64_t>(), -1000000);  // the apt lists
  // With SL301 applied, the separate cleanup RUN removes nothing: the engine stores no layer
  // for it, so SL302's merge saves no byte and no filesystem layer (only a history entry).
  EXPECT_EQ(steps[2]["layers"], steps[1]["layers"]);
  EXPECT_LT(std::abs(steps[2]["delta"].get<int64_t>()), 64 * 1024);
  // SL303 drops psmisc: killall is gone, the smoke run exits 127, and the fix is rejected.
  EXPECT_EQ(steps[0]["smoke"], "passed");
  EXPECT_EQ(steps[0]["smoke_exit_code"], 0);
  EXPECT_EQ(steps[3]["smoke"], "failed");
  EXPECT_EQ(steps[3]["smoke_exit_code"], 127);
  EXPECT_EQ(report["rejected"].size(), 1u);
  EXPECT_EQ(report["rejected"][0]["rule"], "SL303");
  EXPECT_EQ(report["total"]["size_after"], steps[2]["size"]);
  // curl keeps its CA certificates in every variant (the SL303 fix adds ca-certificates).
  for (const auto& step : steps) EXPECT_EQ(step["smoke_output"], "curl=35\n") << step["step"];
  ASSERT_TRUE(report["largest_step_diff"].is_object());
  EXPECT_EQ(report["largest_step_diff"]["step"], 1);
  // The same in text (every layer from the builder's cache now), kept under build/ for the docs.
  ProcessResult text = RunSlimage({"measure", Fixture("measure-apt/Dockerfile"), "--unsafe", "--smoke", kAptSmoke,
                                   "--network", "host"},
                                  Docker());
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Total saved: "), std::string::npos) << text.out;
  if (std::FILE* out = std::fopen((std::filesystem::path(SLIMAGE_BINARY).parent_path() / "measure-apt.txt").c_str(), "w")) {
    std::fputs(text.out.c_str(), out);
    std::fclose(out);
  }
  for (int step = 0; step < 4; ++step) {
    Lines({"/usr/bin/docker", "rmi", "slimage-measure/measure-apt:" + std::to_string(step)}, Docker());
  }
}

TEST_F(Measure, WithoutCaCertificatesCurlHttpsExits77) {
  // The figure SL303's fix relies on (rules.md), measured: curl without its Recommends.
  ProcessRequest build;
  build.argv = {"/usr/bin/docker", "build", "--network", "host", "-t", "slimage-it/curl-norecommends", "-"};
  build.input =
      "FROM slimage-test/bookworm:base\n"
      "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n";
  build.env = {"DOCKER_HOST=" + RequiredEnv("DOCKER_HOST"), "DOCKER_BUILDKIT=0"};
  build.limits.timeout_seconds = 600;
  auto built = RunProcess(build);
  ASSERT_TRUE(built && built->exit_code == 0) << (built ? built->err : built.error().message);
  ProcessRequest run;
  run.argv = {"/usr/bin/docker", "run", "--rm", "--network", "none", "slimage-it/curl-norecommends", "sh", "-c",
              std::string(kAptSmoke) + "; true"};
  run.env = build.env;
  auto ran = RunProcess(run);
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(ran->out, "curl=77\n") << ran->err;
  Lines({"/usr/bin/docker", "rmi", "slimage-it/curl-norecommends"}, Docker());
}

TEST_F(Measure, LayerFixesWithTheImagesOwnCommandAndNothingLeftBehind) {
  const std::set<std::string> before = DockerImages();
  const nlohmann::json report =
      MeasureJson({Fixture("measure-layers/Dockerfile"), "--context", Fixture("wasteful")}, Docker());
  ASSERT_TRUE(report.contains("steps")) << report.dump();
  const auto& steps = report["steps"];
  ASSERT_EQ(steps.size(), 3u) << report.dump(2);
  EXPECT_EQ(steps[1]["rules"], nlohmann::json::array({"SL601"}));
  EXPECT_EQ(steps[2]["rules"], nlohmann::json::array({"SL602"}));
  EXPECT_TRUE(report["smoke"].is_null());  // the image's own CMD, which exits by itself
  for (const auto& step : steps) EXPECT_EQ(step["smoke"], "passed") << step["step"];
  // SL601 joins the four one-command RUNs (chown, mkdir, chmod, touch) into one; SL602 then
  // moves the chown into COPY --chown: no layer fewer, but app/ is stored once.
  EXPECT_EQ(steps[1]["layers"].get<int>(), steps[0]["layers"].get<int>() - 3);
  EXPECT_EQ(steps[2]["layers"], steps[1]["layers"]);
  EXPECT_LT(steps[2]["delta"].get<int64_t>(), -9000);  // app/ is no longer stored twice
  ExpectDeltasAddUp(report);
  EXPECT_EQ(DockerImages(), before);
  EXPECT_TRUE(std::filesystem::is_empty(tmp_));
}

TEST_F(Measure, PipCacheIsWhatSl306Saves) {
  const nlohmann::json report = MeasureJson({Fixture("measure-pip/Dockerfile"), "--build-arg",
                                             "INDEX_URL=" + RequiredEnv("PYPI"), "--smoke-output"},
                                            Docker());
  ASSERT_TRUE(report.contains("steps")) << report.dump();
  const auto& steps = report["steps"];
  ASSERT_EQ(steps.size(), 2u) << report.dump(2);
  EXPECT_EQ(steps[1]["rules"], nlohmann::json::array({"SL306"}));
  // The wheel pip built from the sdist no longer stays in /root/.cache/pip: 608 kB of base64
  // text, deflated in the wheel to about 460 kB (measured: -463,909 bytes).
  EXPECT_LT(steps[1]["delta"].get<int64_t>(), -400000);
  for (const auto& step : steps) {
    EXPECT_EQ(step["smoke"], "passed") << step["step"];
    EXPECT_EQ(step["smoke_output"], "42\n") << step["step"];
  }
  ExpectDeltasAddUp(report);
  EXPECT_TRUE(std::filesystem::is_empty(tmp_));
}

TEST_F(Measure, NpmCacheIsWhatSl307Saves) {
  const nlohmann::json report =
      MeasureJson({Fixture("measure-npm/Dockerfile"), "--context", RequiredEnv("NPM_CONTEXT"), "--smoke-output"}, Docker());
  ASSERT_TRUE(report.contains("steps")) << report.dump();
  const auto& steps = report["steps"];
  ASSERT_EQ(steps.size(), 2u) << report.dump(2);
  EXPECT_EQ(steps[1]["rules"], nlohmann::json::array({"SL307"}));
  // The tarball's copy in ~/.npm/_cacache: the same 608 kB of text, gzipped to about 460 kB.
  EXPECT_LT(steps[1]["delta"].get<int64_t>(), -400000);
  for (const auto& step : steps) EXPECT_EQ(step["smoke_output"], "42\n") << step["step"];
  ExpectDeltasAddUp(report);
  EXPECT_TRUE(std::filesystem::is_empty(tmp_));
}

TEST_F(Measure, BuildKitToo) {
  const nlohmann::json report =
      MeasureJson({Fixture("measure-layers/Dockerfile"), "--context", Fixture("wasteful")}, Docker(true));
  ASSERT_TRUE(report.contains("steps")) << report.dump();
  EXPECT_EQ(report["builder"], "docker (BuildKit)");
  ASSERT_EQ(report["steps"].size(), 3u);
  EXPECT_LT(report["steps"][2]["delta"].get<int64_t>(), -9000);
  ExpectDeltasAddUp(report);
  EXPECT_TRUE(std::filesystem::is_empty(tmp_));
}

TEST_F(Measure, PodmanAsTheBuilder) {
  const std::set<std::string> before = PodmanImages();
  const nlohmann::json report = MeasureJson(
      {Fixture("measure-layers/Dockerfile"), "--context", Fixture("wasteful"), "--builder", "podman"}, Podman());
  ASSERT_TRUE(report.contains("steps")) << report.dump();
  EXPECT_EQ(report["builder"], "podman");
  const auto& steps = report["steps"];
  ASSERT_EQ(steps.size(), 3u) << report.dump(2);
  EXPECT_EQ(steps[1]["layers"].get<int>(), steps[0]["layers"].get<int>() - 3);
  EXPECT_EQ(steps[2]["layers"], steps[1]["layers"]);
  EXPECT_LT(steps[2]["delta"].get<int64_t>(), -9000);
  ExpectDeltasAddUp(report);
  // Every step ran the same way (in this sandbox podman's runc cannot set the rlimits it
  // wants, so each run exits 126: the same result, so no step is failed).
  for (const auto& step : steps) EXPECT_EQ(step["smoke_exit_code"], steps[0]["smoke_exit_code"]);
  EXPECT_EQ(PodmanImages(), before);
  EXPECT_TRUE(std::filesystem::is_empty(tmp_));
}

TEST_F(Measure, ADockerfileThatDoesNotBuildIsOneLineExit2AndLeavesNothing) {
  const std::set<std::string> before = DockerImages();
  const std::string file = tmp_ + "/../measure-broken.Dockerfile";
  {
    std::FILE* out = std::fopen(file.c_str(), "w");
    ASSERT_NE(out, nullptr);
    // Fails at its first RUN: the legacy builder keeps no intermediate image of an earlier step.
    std::fputs("FROM slimage-test/bookworm:base\nRUN echo no such thing; exit 3\n", out);
    std::fclose(out);
  }
  ProcessResult result = RunSlimage({"measure", file, "--context", tmp_, "--network", "host"}, Docker());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty());
  const auto lines = integration::Lines(result.err);
  ASSERT_EQ(lines.size(), 1u) << result.err;
  EXPECT_EQ(lines[0].rfind("slimage: " + file + ": does not build as written with docker: ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("returned a non-zero code: 3"), std::string::npos) << lines[0];
  EXPECT_EQ(DockerImages(), before);
  EXPECT_TRUE(std::filesystem::is_empty(tmp_));
}

}  // namespace
}  // namespace slimage::integration
