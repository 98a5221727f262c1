// The interface every lint rule implements, and the list `slimage lint` runs. A rule reads the
// parse tree and the stage model and appends findings; it never prints.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"
#include "rules/finding.h"

namespace slimage::rules {

// What `slimage explain ID`, SARIF's rule descriptors and the config need to know of a rule.
struct RuleInfo {
  std::string_view id;                 // "SL301"
  Severity severity;                   // the default; the config may override it
  std::string_view title;              // one line: what triggers it
  std::string_view explanation;        // why it costs bytes, what to do instead, when ignoring is fine
  std::string_view bad_example;        // a Dockerfile excerpt that fires
  std::string_view good_example;       // the same, fixed
  bool fixable = false;                // `slimage fix` rewrites it (rules.md "fix" column)
  std::string_view hadolint;           // mapped hadolint codes, comma separated ("DL3009"), or empty
};

// Settings from the command line and the config file that rules read.
struct LintSettings {
  std::string context_dir;                  // build context (--context, default the Dockerfile's folder)
  bool all_stages = false;                  // --all-stages: SL301-SL309 at info in stages that do not ship
  std::vector<std::string> allow_packages;  // config allow-packages: not reported by SL401
};

struct RunView;  // rules/run_scan.h

struct LintContext {
  std::string_view file;    // as named on the command line
  std::string_view source;  // the whole file
  const dockerfile::ParseResult& parse;
  const dockerfile::BuildModel& model;
  const LintSettings& settings;
  // Every RUN with its shell analysis, made by the first Runs(context) call (run_scan.h) and
  // shared by all rules, so each RUN is analysed once per file.
  mutable std::shared_ptr<const std::vector<RunView>> runs = nullptr;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  std::string_view id() const { return info().id; }
  // Appends findings with info().severity; ignores and severity overrides are applied after.
  virtual void Check(const LintContext& context, std::vector<Finding>* findings) const = 0;
};

// Every registered rule, in ID order (rules/rule.cc).
std::span<const Rule* const> AllRules();

}  // namespace slimage::rules
