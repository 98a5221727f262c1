// `slimage measure`: build the Dockerfile as written, then once more per fixable rule that
// fires (cumulative, in rule order), read each image back into the analysis, run a smoke
// command in each, and say what each fix saved. A fix whose variant does not build or whose
// smoke result differs from step 0's is rejected: later steps are built without it. Every
// image is built under a tag of our own and removed at the end (unless `keep`), and the fixed
// Dockerfiles are written to a temporary directory that is removed too: nothing of the user's
// is touched.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/checks.h"
#include "analysis/image_model_builder.h"
#include "fix/fixer.h"
#include "measure/builder.h"
#include "measure/measure_result.h"
#include "util/expected.h"

namespace slimage::measure {

struct MeasureOptions {
  std::string dockerfile;       // as named (display); "-" when read from stdin
  std::string dockerfile_path;  // the file step 0 builds; "" = write `source` to the temp dir
  std::string context = ".";
  std::string name;             // for the tags: slimage-measure/NAME:STEP
  fix::FixOptions fix;          // rules, unsafe, ignore, target, lint settings
  BuildRequest build;           // target, build args, platform, network (dockerfile/tag/context set per step)
  std::string smoke;            // "" = the image's own entrypoint/cmd, when it exits by itself
  bool smoke_output = false;    // a different standard output also fails a step
  int smoke_timeout_seconds = 60;
  bool keep = false;            // tag the variants slimage-measure/NAME:STEP and leave them
  analysis::AnalyzeOptions analyze;
  analysis::ImageCheckOptions checks;
  std::string temp_parent;      // where the temp directory goes; "" = $TMPDIR or /tmp
};

// What a long measure shows on a terminal.
struct MeasureProgress {
  std::function<void(int step, int steps, std::string_view what)> step;
  OutputSink output;  // the builder's output
};

// Errors: the Dockerfile does not parse, does not build as written (the message ends with the
// builder's last lines), or an image cannot be read back; nothing is left behind.
Expected<MeasureResult> Measure(const std::string& source, const MeasureOptions& options, Builder& builder,
                                const MeasureProgress& progress = {});

// Which lint rules without an automatic fix have a known saving, and the image findings that
// measure it.
const std::vector<std::pair<std::string, std::vector<std::string>>>& NotAppliedRules();

// A name for the tags from the context directory: lowercase letters, digits, '-', '_' and '.'.
std::string TagName(std::string_view context_dir);

}  // namespace slimage::measure
