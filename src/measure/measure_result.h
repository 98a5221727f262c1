// What `slimage measure` found: one row per built variant of the Dockerfile (step 0 as
// written, then one fix more per step), what the fixes left undone are worth in the last
// image, and the diff of the step that saved the most. Plain data; the renderers
// (report/measure_report.h) only print it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diff/image_diff.h"

namespace slimage::measure {

enum class SmokeStatus { kPassed, kFailed, kNone };
const char* SmokeStatusName(SmokeStatus status);  // "passed", "failed", "none"

struct Step {
  int step = 0;
  std::vector<std::string> rules;  // the fix this step adds (empty for step 0)
  std::string image;               // the builder's image ID ("sha256:…")
  uint64_t size = 0;               // analyze's `size`
  uint64_t compressed_size = 0;    // analyze's `compressed_size` (the engine's export: uncompressed)
  uint64_t final_size = 0;
  int layers = 0;                  // filesystem layers
  int64_t delta = 0;               // size - the size of the step it was built on (0 for step 0)
  int based_on = 0;                // the step whose fixes this one adds to (a failed step is skipped)
  SmokeStatus smoke = SmokeStatus::kNone;
  std::optional<int> smoke_exit_code;
  std::string smoke_output;        // its standard output, the last 4 kB
  std::string smoke_problem;       // why it failed: "exit 77, step 0 exited 0"
  bool unchanged = false;          // the fix left the file as it was (nothing built anew)
};

// A fix that was proven unsafe for this Dockerfile (its smoke run differed), or that
// `slimage fix` skipped.
struct RejectedFix {
  std::string rule;
  std::string reason;
};

// A finding with no automatic fix but a saving the last image shows: the lint finding and the
// bytes the image findings attribute to it.
struct NotApplied {
  std::string rule;                // SL101, SL401, …
  int line = 0;
  std::string message;
  std::vector<std::string> image_rules;  // IM203, IM204, …
  uint64_t bytes = 0;
};

struct LargestStep {
  int step = 0;
  int against = 0;  // the step it was built on
  std::shared_ptr<const diff::DiffSide> before;
  std::shared_ptr<const diff::DiffSide> after;
  diff::ImageDiff diff;
};

struct MeasureResult {
  std::string dockerfile;  // as the user named it
  std::string builder;     // "docker", "docker (BuildKit)", "podman", "buildah"
  std::string smoke;       // the command, or "" for the image's own entrypoint
  bool smoke_default = false;  // no --smoke: the image's entrypoint/cmd, when it exits by itself
  std::vector<Step> steps;
  std::vector<RejectedFix> rejected;
  std::vector<NotApplied> not_applied;
  uint64_t size_before = 0;
  uint64_t size_after = 0;  // the last step that passed
  int64_t saved = 0;        // size_before - size_after
  double saved_percent = 0.0;
  std::optional<LargestStep> largest;
};

}  // namespace slimage::measure
