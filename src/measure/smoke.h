// How `slimage measure` judges a smoke run: against step 0's, by exit code (and standard output
// with --smoke-output); and what it runs when no --smoke is given (the image's entrypoint + cmd).
#pragma once

#include <string>
#include <vector>

#include "measure/builder.h"
#include "measure/measure_result.h"

namespace slimage::measure {

// The reference every later smoke run is compared with: step 0's.
struct SmokeReference {
  bool active = false;  // false: smoke "none" for every step
  int exit_code = 0;
  std::string out;
};

// The image's entrypoint followed by its cmd, as the runtime would run them (from the config).
std::vector<std::string> DefaultCommand(const std::string& config_json);

// The last 4 kB of a run's output, as a step keeps it.
std::string KeptOutput(std::string text);

// Sets the step's smoke fields from a later run: passed, or failed with the reason.
void JudgeSmoke(const RunOutcome& ran, const SmokeReference& reference, bool compare_output, int timeout_seconds,
                Step& step);

}  // namespace slimage::measure
