// The variants `slimage measure` builds: which fixable rules fire on the Dockerfile (in rule
// order), and the text of `slimage fix` restricted to a set of them. No I/O.
#pragma once

#include <string>
#include <vector>

#include "fix/fix_result.h"
#include "fix/fixer.h"
#include "util/expected.h"

namespace slimage::measure {

struct FiringFixes {
  std::vector<std::string> rules;     // rules with at least one applied edit, in ID order
  std::vector<fix::SkippedFix> skipped;  // what `slimage fix` could not prove safe
};

// `options.rules` empty: every fixable rule (SL303 only with `options.unsafe`).
Expected<FiringFixes> FindFiringFixes(const std::string& file, const std::string& source, const fix::FixOptions& options);

// The Dockerfile with the fixes of exactly `rules` applied (`options.rules` is replaced).
Expected<fix::FileFix> VariantOf(const std::string& file, const std::string& source, fix::FixOptions options,
                                 const std::vector<std::string>& rules);

}  // namespace slimage::measure
