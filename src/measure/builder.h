// What `slimage measure` asks of a builder: build a Dockerfile into a tagged image, run a
// command in it, read it back into the analysis, remove the tag. One implementation drives the
// user's own command-line tools (builder_cli.h: docker, podman, buildah); the tests give one
// that answers in memory.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/image_model.h"
#include "analysis/image_model_builder.h"
#include "util/expected.h"

namespace slimage::measure {

struct BuildRequest {
  std::string dockerfile;  // path of the (fixed) Dockerfile to build
  std::string context;     // the build context directory
  std::string tag;         // name the image gets (slimage-measure/NAME:STEP-PID)
  std::string target;      // --target, or ""
  std::vector<std::string> build_args;  // NAME=value
  std::string platform;    // os/arch, or ""
  std::string network;     // the builder's --network for RUN, or ""
};

struct BuildOutcome {
  bool built = false;
  std::string image_id;          // "sha256:…" when built
  std::vector<std::string> tail;  // the builder's last lines (the reason, when it failed)
};

// A smoke run: `command` through /bin/sh -c when the image has a shell, else split into words;
// empty: the image's own entrypoint and cmd. No network, at most `timeout_seconds`.
struct RunRequest {
  std::string image;  // the tag
  std::string command;
  bool has_shell = true;
  std::vector<std::string> default_command;  // the image's entrypoint + cmd (for builders that need it)
  int timeout_seconds = 60;
  std::string name;   // container name, so that a run that timed out can be removed
};

struct RunOutcome {
  bool timed_out = false;
  int exit_code = 0;
  std::string out;  // its standard output
  std::string err;
};

// Sees the builder's output as it arrives (progress on a terminal).
using OutputSink = std::function<void(std::string_view chunk)>;

class Builder {
 public:
  virtual ~Builder() = default;
  // "docker", "docker (BuildKit)", "podman", "buildah".
  virtual std::string Name() const = 0;
  // An error only when the builder itself could not be run; a Dockerfile that does not build
  // is an outcome with built == false.
  virtual Expected<BuildOutcome> Build(const BuildRequest& request, const OutputSink& progress) = 0;
  virtual Expected<RunOutcome> Run(const RunRequest& request) = 0;
  // The image as `slimage analyze` reads it, from the engine or the builder's export streamed.
  virtual Expected<analysis::ImageModel> Read(const std::string& tag, const analysis::AnalyzeOptions& options) = 0;
  // Removes the tag (the image goes with it when nothing else names it).
  virtual Expected<void> Remove(const std::string& tag) = 0;
};

}  // namespace slimage::measure
