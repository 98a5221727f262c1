// The result of `slimage lint`: per file, its findings; the renderers (lint_text.h,
// lint_json.h) print it and compute nothing.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.h"
#include "rules/rule.h"

namespace slimage::report {

struct FileLint {
  std::string file;  // as named on the command line ("<stdin>" for -)
  std::vector<rules::Finding> findings;  // sorted by line, column, rule
};

struct LintReport {
  std::vector<FileLint> files;
  std::vector<const rules::RuleInfo*> rules;  // SL000 and the rules that ran (SARIF's descriptors)
  std::array<int, 4> counts{};  // per Severity (indexed by its value)
  bool failed = false;          // a finding at or above --fail-on

  int count(Severity severity) const { return counts[static_cast<size_t>(severity)]; }
  int total() const { return counts[0] + counts[1] + counts[2] + counts[3]; }
};

}  // namespace slimage::report
