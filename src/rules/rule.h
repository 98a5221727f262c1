// The interface every lint rule implements, and the list `slimage lint` runs. A rule reads the
// parse tree and the stage model and appends findings; it never prints.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"
#include "rules/finding.h"

namespace slimage::rules {

struct LintContext {
  std::string_view file;    // as named on the command line
  std::string_view source;  // the whole file
  const dockerfile::ParseResult& parse;
  const dockerfile::BuildModel& model;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual std::string_view id() const = 0;  // "SL301"
  virtual void Check(const LintContext& context, std::vector<Finding>* findings) const = 0;
};

// Every registered rule, in ID order (rules/rule.cc).
std::span<const Rule* const> AllRules();

}  // namespace slimage::rules
