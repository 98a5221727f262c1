// The builders of `slimage measure` as their users run them: `docker build` (BuildKit when the
// client has buildx or DOCKER_BUILDKIT says so, else the legacy builder), `podman build` and
// `buildah bud`, each with its own way to run a container, read an image back and remove it.
// Every command goes through an injected CommandRunner, so the tests check the command lines
// without a daemon; images are read back through the engine (docker://, DOCKER_HOST honoured)
// or from the tool's export streamed into the reader (podman save, buildah push).
#pragma once

#include <memory>
#include <string>

#include "measure/builder.h"
#include "util/expected.h"
#include "util/process.h"

namespace slimage::measure {

enum class BuilderKind { kDocker, kPodman, kBuildah };

// Reads an image from a program's standard output (a docker-archive stream); injected so the
// tests need no program.
using ExportReader = std::function<Expected<analysis::ImageModel>(const std::vector<std::string>& argv,
                                                                   const analysis::AnalyzeOptions& options)>;
ExportReader StreamedExportReader();

struct BuilderSetup {
  BuilderKind kind = BuilderKind::kDocker;
  bool buildkit = false;  // docker only
  CommandRunner run;
  ExportReader read_export;
  int build_timeout_seconds = 3600;
};

std::unique_ptr<Builder> MakeCliBuilder(BuilderSetup setup);

// --builder NAME, or the first of docker, podman, buildah that answers (`docker version`
// reaches its engine; `podman version`, `buildah version` run). For docker, BuildKit is used
// when DOCKER_BUILDKIT=1, or when it is unset and `docker buildx version` works.
Expected<std::unique_ptr<Builder>> FindBuilder(const std::string& name, const CommandRunner& run);

// The last `count` non-empty lines of a builder's output, escaped for one line each.
std::vector<std::string> LastLines(std::string_view output, size_t count);

}  // namespace slimage::measure
