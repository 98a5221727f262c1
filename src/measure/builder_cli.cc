#include "measure/builder_cli.h"

#include <cstdlib>

#include <fmt/format.h>

#include "image/byte_stream.h"
#include "util/display_escape.h"
#include "util/process_pipe.h"
#include "util/text.h"

namespace slimage::measure {
namespace {

const char* ToolOf(BuilderKind kind) {
  switch (kind) {
    case BuilderKind::kDocker: return "docker";
    case BuilderKind::kPodman: return "podman";
    case BuilderKind::kBuildah: return "buildah";
  }
  return "docker";
}

std::string Trimmed(std::string_view text) { return std::string(TrimView(text, " \r\n")); }

// Words of a smoke command for an image without a shell: split at blanks (no quoting: an image
// without /bin/sh gets no shell syntax either).
std::vector<std::string> Words(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  for (char c : command) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

class CliBuilder final : public Builder {
 public:
  explicit CliBuilder(BuilderSetup setup) : setup_(std::move(setup)), tool_(ToolOf(setup_.kind)) {}

  std::string Name() const override {
    if (setup_.kind == BuilderKind::kDocker) return setup_.buildkit ? "docker (BuildKit)" : "docker";
    return tool_;
  }

  Expected<BuildOutcome> Build(const BuildRequest& request, const OutputSink& progress) override {
    ProcessRequest build;
    build.argv = {tool_, setup_.kind == BuilderKind::kBuildah ? "bud" : "build", "-f", request.dockerfile, "-t",
                  request.tag};
    if (setup_.kind == BuilderKind::kBuildah) build.argv.push_back("--layers");  // reuse layers between variants
    if (setup_.kind == BuilderKind::kDocker && setup_.buildkit) build.argv.push_back("--progress=plain");
    // The legacy builder keeps a failed step's container without it.
    if (setup_.kind == BuilderKind::kDocker && !setup_.buildkit) build.argv.push_back("--force-rm");
    if (!request.target.empty()) build.argv.insert(build.argv.end(), {"--target", request.target});
    for (const std::string& arg : request.build_args) build.argv.insert(build.argv.end(), {"--build-arg", arg});
    if (!request.platform.empty()) build.argv.insert(build.argv.end(), {"--platform", request.platform});
    if (!request.network.empty()) build.argv.insert(build.argv.end(), {"--network", request.network});
    build.argv.push_back(request.context);
    if (setup_.kind == BuilderKind::kDocker) build.env = {setup_.buildkit ? "DOCKER_BUILDKIT=1" : "DOCKER_BUILDKIT=0"};
    build.limits.timeout_seconds = setup_.build_timeout_seconds;
    build.limits.max_output_bytes = 256 * 1024;
    build.limits.keep_tail = true;
    build.on_output = progress;
    auto ran = setup_.run(build);
    if (!ran) return ran.error();
    BuildOutcome outcome;
    outcome.tail = LastLines(ran->out + ran->err, 8);
    if (ran->exit_code != 0) return outcome;
    auto id = ImageId(request.tag);
    if (!id) return id.error();
    outcome.built = true;
    outcome.image_id = *id;
    return outcome;
  }

  Expected<RunOutcome> Run(const RunRequest& request) override {
    std::vector<std::string> command;
    if (!request.command.empty()) {
      if (request.has_shell) {
        command = {"/bin/sh", "-c", request.command};
      } else {
        command = Words(request.command);
      }
    }
    if (setup_.kind == BuilderKind::kBuildah) return RunWithBuildah(request, command);
    std::vector<std::string> argv = {tool_, "run", "--rm", "--name", request.name, "--network", "none"};
    if (!command.empty()) {
      argv.insert(argv.end(), {"--entrypoint", command[0], request.image});
      argv.insert(argv.end(), command.begin() + 1, command.end());
    } else {
      argv.push_back(request.image);
    }
    return RunContainer(argv, request, {tool_, "rm", "-f", request.name});
  }

  Expected<analysis::ImageModel> Read(const std::string& tag, const analysis::AnalyzeOptions& options) override {
    switch (setup_.kind) {
      case BuilderKind::kDocker: return analysis::LoadImageModel("docker://" + tag, options);
      case BuilderKind::kPodman: return setup_.read_export({"podman", "save", "--format", "docker-archive", tag}, options);
      case BuilderKind::kBuildah:
        return setup_.read_export({"buildah", "push", "--quiet", tag, "docker-archive:/dev/stdout"}, options);
    }
    return MakeError("unknown builder");
  }

  Expected<void> Remove(const std::string& tag) override {
    ProcessRequest remove;
    remove.argv = {tool_, "rmi", tag};
    auto ran = setup_.run(remove);
    if (!ran) return ran.error();
    if (ran->exit_code != 0) return MakeError("{} rmi {}: {}", tool_, tag, EscapeForDisplay(Trimmed(ran->err)));
    return {};
  }

 private:
  Expected<std::string> ImageId(const std::string& tag) {
    ProcessRequest inspect;
    if (setup_.kind == BuilderKind::kBuildah) {
      inspect.argv = {"buildah", "inspect", "--type", "image", "--format", "{{.FromImageID}}", tag};
    } else {
      inspect.argv = {tool_, "image", "inspect", "--format", "{{.Id}}", tag};
    }
    auto ran = setup_.run(inspect);
    if (!ran) return ran.error();
    std::string id = Trimmed(ran->out);
    if (ran->exit_code != 0 || id.empty()) {
      return MakeError("{}: the image {} it built cannot be inspected: {}", tool_, tag, EscapeForDisplay(Trimmed(ran->err)));
    }
    if (id.find(':') == std::string::npos) id = "sha256:" + id;  // podman and buildah print the bare hex
    return id;
  }

  // Runs a container, bounded in time: a client killed at the timeout leaves its container
  // running, so `cleanup` removes it by name.
  Expected<RunOutcome> RunContainer(const std::vector<std::string>& argv, const RunRequest& request,
                                    const std::vector<std::string>& cleanup) {
    ProcessRequest run;
    run.argv = argv;
    run.limits.timeout_seconds = request.timeout_seconds;
    run.limits.max_output_bytes = 4096;
    run.limits.keep_tail = true;
    auto ran = setup_.run(run);
    RunOutcome outcome;
    if (!ran) {
      // The runner's only errors are "cannot start" and "no answer within N s".
      if (ran.error().message.find("no answer within") == std::string::npos) return ran.error();
      ProcessRequest remove;
      remove.argv = cleanup;
      (void)setup_.run(remove);
      outcome.timed_out = true;
      return outcome;
    }
    outcome.exit_code = ran->exit_code;
    outcome.out = std::move(ran->out);
    outcome.err = std::move(ran->err);
    return outcome;
  }

  Expected<RunOutcome> RunWithBuildah(const RunRequest& request, std::vector<std::string> command) {
    if (command.empty()) command = request.default_command;
    if (command.empty()) return MakeError("buildah run: the image {} has no entrypoint or cmd", request.image);
    ProcessRequest from;
    from.argv = {"buildah", "from", "--name", request.name, request.image};
    auto made = setup_.run(from);
    if (!made) return made.error();
    if (made->exit_code != 0) return MakeError("buildah from {}: {}", request.image, EscapeForDisplay(Trimmed(made->err)));
    std::vector<std::string> argv = {"buildah", "run", "--network", "none", request.name, "--"};
    argv.insert(argv.end(), command.begin(), command.end());
    auto outcome = RunContainer(argv, request, {"buildah", "rm", request.name});
    ProcessRequest remove;
    remove.argv = {"buildah", "rm", request.name};
    if (!outcome || !outcome->timed_out) (void)setup_.run(remove);
    return outcome;
  }

  BuilderSetup setup_;
  std::string tool_;
};

bool Answers(const CommandRunner& run, std::vector<std::string> argv) {
  ProcessRequest request;
  request.argv = std::move(argv);
  request.limits.timeout_seconds = 20;
  auto ran = run(request);
  return ran && ran->exit_code == 0;
}

}  // namespace

ExportReader StreamedExportReader() {
  return [](const std::vector<std::string>& argv, const analysis::AnalyzeOptions& options)
             -> Expected<analysis::ImageModel> {
    auto child = ProcessPipe::Start(argv);
    if (!child) return child.error();
    const std::string name = fmt::format("{} {}", argv[0], argv.size() > 1 ? argv[1] : "");
    auto stream = image::MakeFdStream(child->stdout_fd(), name);
    auto model = analysis::LoadStreamedImageModel(*stream, name, options);
    auto finished = child->Finish();
    if (!finished) return finished.error();
    if (finished->exit_code != 0) {
      const auto lines = LastLines(finished->err, 1);
      return MakeError("{}: exit {}: {}", name, finished->exit_code, lines.empty() ? "" : lines.back());
    }
    return model;
  };
}

std::unique_ptr<Builder> MakeCliBuilder(BuilderSetup setup) { return std::make_unique<CliBuilder>(std::move(setup)); }

Expected<std::unique_ptr<Builder>> FindBuilder(const std::string& name, const CommandRunner& run) {
  BuilderSetup setup;
  setup.run = run;
  setup.read_export = StreamedExportReader();
  auto docker = [&]() -> Expected<std::unique_ptr<Builder>> {
    setup.kind = BuilderKind::kDocker;
    const char* buildkit = std::getenv("DOCKER_BUILDKIT");
    if (buildkit != nullptr && *buildkit != '\0') {
      setup.buildkit = std::string_view(buildkit) != "0" && std::string_view(buildkit) != "false";
    } else {
      setup.buildkit = Answers(run, {"docker", "buildx", "version"});
    }
    return MakeCliBuilder(setup);
  };
  if (name == "docker") return docker();
  if (name == "podman" || name == "buildah") {
    setup.kind = name == "podman" ? BuilderKind::kPodman : BuilderKind::kBuildah;
    return MakeCliBuilder(setup);
  }
  if (!name.empty()) return MakeError("--builder: unknown builder '{}' (docker, podman or buildah)", name);
  if (Answers(run, {"docker", "version", "--format", "{{.Server.Version}}"})) return docker();
  if (Answers(run, {"podman", "version"})) return FindBuilder("podman", run);
  if (Answers(run, {"buildah", "version"})) return FindBuilder("buildah", run);
  return MakeError("no builder found: docker (with a reachable engine; DOCKER_HOST), podman or buildah must be on PATH; "
                   "or name one with --builder");
}

std::vector<std::string> LastLines(std::string_view output, size_t count) {
  std::vector<std::string> lines;
  size_t end = output.size();
  while (end > 0 && lines.size() < count) {
    size_t start = output.rfind('\n', end - 1);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::string line = Trimmed(output.substr(start, end - start));
    // A progress line rewritten with \r: its last state.
    if (auto cr = line.rfind('\r'); cr != std::string::npos) line = line.substr(cr + 1);
    if (!line.empty()) lines.insert(lines.begin(), EscapeForDisplay(line));
    end = start == 0 ? 0 : start - 1;
  }
  return lines;
}

}  // namespace slimage::measure
