// `slimage fix` on one Dockerfile held in memory: lint it, plan a fix for every finding of a
// fixable rule (rules.md **fix**), apply the edits and prove the result: it parses, the fixed
// findings are gone and no finding was added, every instruction no edit touched parses the same
// as before, and every edited RUN runs the commands it should. A plan that fails the proof is
// dropped and reported as skipped with the reason. No I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fix/fix_result.h"
#include "rules/rule.h"
#include "util/expected.h"

namespace slimage::fix {

struct FixOptions {
  std::vector<std::string> rules;   // --rules; empty: every fixable rule
  bool unsafe = false;              // --unsafe: also the fixes that change what is installed (SL303)
  std::vector<std::string> ignore;  // config `ignore:`
  std::string target;               // the stage that is built; empty: the last
  rules::LintSettings settings;
};

// The rules `slimage fix` can fix, in ID order.
const std::vector<std::string>& FixableRules();
bool IsUnsafeFix(std::string_view rule);

// Errors: the Dockerfile does not parse (or BuildKit rejects it), or --target names no stage;
// the message names the file and the line.
Expected<FileFix> FixSource(std::string_view file, std::string source, const FixOptions& options);

}  // namespace slimage::fix
