// The command lines the builders run, checked against a runner that answers in memory.
#include "measure/builder_cli.h"

#include <gtest/gtest.h>

namespace slimage::measure {
namespace {

struct Recorder {
  std::vector<ProcessRequest> requests;
  std::function<Expected<ProcessOutput>(const ProcessRequest&)> answer = [](const ProcessRequest& request) {
    ProcessOutput out;
    out.exit_code = 0;
    if (request.argv.size() > 1 && request.argv[1] == "inspect") out.out = "0123abcd\n";  // buildah
    if (request.argv.size() > 1 && request.argv[1] == "image") out.out = "sha256:feed\n";
    return Expected<ProcessOutput>(out);
  };
  CommandRunner Runner() {
    return [this](const ProcessRequest& request) {
      requests.push_back(request);
      return answer(request);
    };
  }
};

BuildRequest Request() {
  BuildRequest request;
  request.dockerfile = "/tmp/x/Dockerfile.1";
  request.context = "/src/app";
  request.tag = "slimage-measure/app:1";
  request.target = "runtime";
  request.build_args = {"A=1", "B=2"};
  request.network = "host";
  return request;
}

std::unique_ptr<Builder> Make(BuilderKind kind, bool buildkit, Recorder& recorder) {
  BuilderSetup setup;
  setup.kind = kind;
  setup.buildkit = buildkit;
  setup.run = recorder.Runner();
  return MakeCliBuilder(setup);
}

TEST(CliBuilder, DockerLegacyBuildPassesEverythingThroughAndAsksTheImageId) {
  Recorder recorder;
  auto builder = Make(BuilderKind::kDocker, false, recorder);
  auto built = builder->Build(Request(), {});
  ASSERT_TRUE(built) << built.error().message;
  EXPECT_TRUE(built->built);
  EXPECT_EQ(built->image_id, "sha256:feed");
  ASSERT_EQ(recorder.requests.size(), 2u);
  EXPECT_EQ(recorder.requests[0].argv,
            (std::vector<std::string>{"docker", "build", "-f", "/tmp/x/Dockerfile.1", "-t", "slimage-measure/app:1",
                                      "--force-rm", "--target", "runtime", "--build-arg", "A=1", "--build-arg", "B=2",
                                      "--network", "host", "/src/app"}));
  EXPECT_EQ(recorder.requests[0].env, std::vector<std::string>{"DOCKER_BUILDKIT=0"});
  EXPECT_TRUE(recorder.requests[0].limits.keep_tail);
  EXPECT_EQ(recorder.requests[1].argv,
            (std::vector<std::string>{"docker", "image", "inspect", "--format", "{{.Id}}", "slimage-measure/app:1"}));
  EXPECT_EQ(builder->Name(), "docker");
}

TEST(CliBuilder, BuildKitPrintsPlainProgress) {
  Recorder recorder;
  auto builder = Make(BuilderKind::kDocker, true, recorder);
  ASSERT_TRUE(builder->Build(Request(), {}));
  EXPECT_EQ(recorder.requests[0].env, std::vector<std::string>{"DOCKER_BUILDKIT=1"});
  EXPECT_EQ(recorder.requests[0].argv[6], "--progress=plain");
  EXPECT_EQ(builder->Name(), "docker (BuildKit)");
}

TEST(CliBuilder, AFailedBuildIsAnOutcomeWithTheLastLines) {
  Recorder recorder;
  recorder.answer = [](const ProcessRequest&) {
    return Expected<ProcessOutput>(ProcessOutput{1, "Step 2/2 : RUN false\n", "The command returned a non-zero code: 1\n"});
  };
  auto builder = Make(BuilderKind::kDocker, false, recorder);
  auto built = builder->Build(Request(), {});
  ASSERT_TRUE(built);
  EXPECT_FALSE(built->built);
  EXPECT_EQ(built->tail, (std::vector<std::string>{"Step 2/2 : RUN false", "The command returned a non-zero code: 1"}));
  EXPECT_EQ(recorder.requests.size(), 1u);  // no inspect
}

TEST(CliBuilder, PodmanAndBuildahIdsGetTheirAlgorithm) {
  Recorder recorder;
  auto podman = Make(BuilderKind::kPodman, false, recorder);
  auto built = podman->Build(Request(), {});
  ASSERT_TRUE(built);
  EXPECT_EQ(recorder.requests[0].argv[0], "podman");
  EXPECT_TRUE(recorder.requests[0].env.empty());
  Recorder buildah_recorder;
  auto buildah = Make(BuilderKind::kBuildah, false, buildah_recorder);
  auto buildah_built = buildah->Build(Request(), {});
  ASSERT_TRUE(buildah_built);
  EXPECT_EQ(buildah_built->image_id, "sha256:0123abcd");
  EXPECT_EQ(std::vector<std::string>(buildah_recorder.requests[0].argv.begin(), buildah_recorder.requests[0].argv.begin() + 7),
            (std::vector<std::string>{"buildah", "bud", "-f", "/tmp/x/Dockerfile.1", "-t", "slimage-measure/app:1", "--layers"}));
}

TEST(CliBuilder, SmokeRunsThroughTheShellWithoutNetworkOrAsWordsWithoutAShell) {
  Recorder recorder;
  auto builder = Make(BuilderKind::kDocker, false, recorder);
  RunRequest run;
  run.image = "slimage-measure/app:1";
  run.command = "curl --version && echo ok";
  run.name = "slimage-measure-1-1";
  ASSERT_TRUE(builder->Run(run));
  EXPECT_EQ(recorder.requests[0].argv,
            (std::vector<std::string>{"docker", "run", "--rm", "--name", "slimage-measure-1-1", "--network", "none",
                                      "--entrypoint", "/bin/sh", "slimage-measure/app:1", "-c",
                                      "curl --version && echo ok"}));
  run.has_shell = false;
  run.command = "/app --version";
  ASSERT_TRUE(builder->Run(run));
  EXPECT_EQ(recorder.requests[1].argv,
            (std::vector<std::string>{"docker", "run", "--rm", "--name", "slimage-measure-1-1", "--network", "none",
                                      "--entrypoint", "/app", "slimage-measure/app:1", "--version"}));
}

TEST(CliBuilder, ASmokeRunThatTimesOutIsRemovedByName) {
  Recorder recorder;
  recorder.answer = [](const ProcessRequest& request) -> Expected<ProcessOutput> {
    if (request.argv[1] == "run") return MakeError("docker: no answer within 5 s; stopped");
    return ProcessOutput{0, "", ""};
  };
  auto builder = Make(BuilderKind::kDocker, false, recorder);
  RunRequest run;
  run.image = "img";
  run.name = "slimage-measure-9-0";
  run.timeout_seconds = 5;
  auto ran = builder->Run(run);
  ASSERT_TRUE(ran);
  EXPECT_TRUE(ran->timed_out);
  EXPECT_EQ(recorder.requests[0].limits.timeout_seconds, 5);
  EXPECT_EQ(recorder.requests[1].argv, (std::vector<std::string>{"docker", "rm", "-f", "slimage-measure-9-0"}));
}

TEST(CliBuilder, RemoveUntagsOnly) {
  Recorder recorder;
  auto builder = Make(BuilderKind::kPodman, false, recorder);
  ASSERT_TRUE(builder->Remove("slimage-measure/app:tmp-1-0"));
  EXPECT_EQ(recorder.requests[0].argv, (std::vector<std::string>{"podman", "rmi", "slimage-measure/app:tmp-1-0"}));
}

TEST(FindBuilder, TakesTheFirstThatAnswers) {
  Recorder recorder;
  recorder.answer = [](const ProcessRequest& request) -> Expected<ProcessOutput> {
    if (request.argv[0] == "docker") return ProcessOutput{1, "", "Cannot connect to the Docker daemon"};
    return ProcessOutput{0, "", ""};
  };
  auto builder = FindBuilder("", recorder.Runner());
  ASSERT_TRUE(builder);
  EXPECT_EQ((*builder)->Name(), "podman");
  auto unknown = FindBuilder("kaniko", recorder.Runner());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "--builder: unknown builder 'kaniko' (docker, podman or buildah)");
}

TEST(LastLines, NonEmptyLinesEscapedTheLastStateOfACarriageReturnLine) {
  EXPECT_EQ(LastLines("a\n\nb 10%\rb 100%\n\x1b[31mc\n\n", 2), (std::vector<std::string>{"b 100%", "\\x1b[31mc"}));
  EXPECT_TRUE(LastLines("", 3).empty());
}

}  // namespace
}  // namespace slimage::measure
