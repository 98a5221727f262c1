// A test-only rule: reports every RUN instruction (at its first line) under a chosen ID, so
// that the lint plumbing (ignores, severities, formats) is tested without the real rules.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace slimage::testing {

class FakeRunRule : public rules::Rule {
 public:
  explicit FakeRunRule(rules::RuleInfo info) : info_(info) {}
  const rules::RuleInfo& info() const override { return info_; }
  void Check(const rules::LintContext& context, std::vector<rules::Finding>* findings) const override {
    for (const dockerfile::Node& node : context.parse.root.children) {
      std::string name = node.value;
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      if (name != "run") continue;
      rules::Finding finding;
      finding.rule = std::string(info_.id);
      finding.severity = info_.severity;
      finding.line = node.start_line;
      finding.column = 1;
      finding.end_line = node.end_line;
      finding.stage = "0";
      finding.message = "a RUN: " + node.original;
      finding.fixable = info_.fixable;
      findings->push_back(std::move(finding));
    }
  }

 private:
  rules::RuleInfo info_;
};

// SL301 as the tests see it: warning, mapped from DL3009.
inline rules::RuleInfo FakeSL301Info() {
  return rules::RuleInfo{.id = "SL301",
                         .severity = Severity::kWarning,
                         .title = "apt lists left in the layer",
                         .explanation = "Why.\nWhat instead.",
                         .bad_example = "RUN apt-get update",
                         .good_example = "RUN apt-get update && rm -rf /var/lib/apt/lists/*",
                         .fixable = true,
                         .hadolint = "DL3009"};
}

inline rules::RuleInfo FakeSL601Info() {
  return rules::RuleInfo{.id = "SL601",
                         .severity = Severity::kStyle,
                         .title = "consecutive RUNs",
                         .explanation = "Merge them.",
                         .bad_example = "RUN a\nRUN b",
                         .good_example = "RUN a && b",
                         .fixable = true,
                         .hadolint = "DL3059"};
}

}  // namespace slimage::testing
