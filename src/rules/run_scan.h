// The one walk over the RUN instructions of a build (ONBUILD RUN triggers included) with their
// shell analysis, for every rule that looks into RUNs. A RUN is analysed once per lint of a file
// (Runs() caches it in the LintContext), once per script it runs: its shell-form text (with the
// bodies of heredocs it reads as input, `python3 <<EOF`), or the bodies of its heredocs when the
// heredoc is the script (`RUN <<EOF`, `RUN bash <<EOF`).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/instruction.h"
#include "dockerfile/stage.h"
#include "rules/rule.h"
#include "rules/workdir.h"
#include "shell/run_analysis.h"

namespace slimage::rules {

struct RunScript {
  shell::RunAnalysis analysis;
  const dockerfile::Heredoc* heredoc = nullptr;  // the body analysed; nullptr for the RUN text
  // Where each command runs: the WORKDIR before the RUN as the script's `cd`s move it
  // (DirectoriesOf), one entry per command of analysis.script.
  std::vector<CommandDirectory> directories;
};

// A command inside a RUN, ordered across the RUN's scripts.
struct CommandRef {
  size_t script = 0;
  size_t command = 0;
  bool operator<(const CommandRef& other) const {
    return script != other.script ? script < other.script : command < other.command;
  }
};

struct RunView {
  const dockerfile::Stage* stage = nullptr;
  const dockerfile::Instruction* run = nullptr;       // the RUN (an ONBUILD's trigger)
  const dockerfile::Instruction* reported = nullptr;  // where findings go (the ONBUILD line)
  size_t instruction_index = 0;                       // in stage->instructions
  std::vector<RunScript> scripts;

  const shell::ShellCommand& Command(CommandRef ref) const {
    return scripts[ref.script].analysis.script.commands[ref.command];
  }
  // A finding of `info` at `ref`'s command (or at the RUN when the position is not known).
  Finding MakeFinding(const RuleInfo& info, Severity severity, std::optional<CommandRef> ref,
                      std::string message) const;
};

// Every RUN of every stage, in file order. Runs whose text does not parse are skipped
// (SL000 or the shell model reports them).
std::vector<RunView> CollectRuns(const dockerfile::BuildModel& model);

// CollectRuns(context.model), made once per LintContext and shared by the rules.
const std::vector<RunView>& Runs(const LintContext& context);

// Calls visit(view, ref, operation) for every package operation of every RUN, in order. When
// visit returns false, the rest of that script of the RUN is skipped ("one verdict per RUN").
template <typename Visit>
void ForEachPackageOperation(const LintContext& context, Visit&& visit) {
  for (const RunView& view : Runs(context)) {
    for (size_t s = 0; s < view.scripts.size(); ++s) {
      for (const shell::PackageOperation& operation : view.scripts[s].analysis.packages) {
        if (!visit(view, CommandRef{s, operation.command_index}, operation)) break;
      }
    }
  }
}

// Calls visit(view, ref, command) for every simple command of every RUN, in order.
template <typename Visit>
void ForEachCommand(const LintContext& context, Visit&& visit) {
  for (const RunView& view : Runs(context)) {
    for (size_t s = 0; s < view.scripts.size(); ++s) {
      const auto& commands = view.scripts[s].analysis.script.commands;
      for (size_t c = 0; c < commands.size(); ++c) visit(view, CommandRef{s, c}, commands[c]);
    }
  }
}

// The value of `name` as the command at `ref` sees it: its prefix assignments, an export earlier
// in the RUN, then the stage's ARG/ENV. nullopt when none sets it.
std::optional<std::string> VariableFor(const RunView& view, CommandRef ref, std::string_view name);

// How a package operation was invoked, for messages: "apt-get install", "yarn".
std::string Invocation(const shell::PackageOperation& operation);

// The severity a cache/leftover rule (SL301-SL309) reports with in `stage`: the default in a
// stage that ships, info in the others with --all-stages, nothing otherwise.
std::optional<Severity> CacheRuleSeverity(const LintContext& context, const dockerfile::Stage& stage,
                                          Severity default_severity);

// ForEachPackageOperation over the stages where the cache/leftover rule `info` reports, with the
// severity it reports at there: visit(view, ref, operation, severity) -> bool.
template <typename Visit>
void ForEachCacheRuleOperation(const LintContext& context, const RuleInfo& info, Visit&& visit) {
  ForEachPackageOperation(context, [&](const RunView& view, CommandRef ref, const shell::PackageOperation& operation) {
    std::optional<Severity> severity = CacheRuleSeverity(context, *view.stage, info.severity);
    return !severity || visit(view, ref, operation, *severity);
  });
}

// True when a `--mount=type=cache` or `type=tmpfs` of `run` covers any of `paths` (its target
// is the path or a folder above it). `suffixes` also match targets that end with them
// (`/.cache/pip` covers pip's cache whatever the home folder).
bool CacheMountCovers(const dockerfile::Instruction& run, std::initializer_list<std::string_view> paths,
                      std::initializer_list<std::string_view> suffixes = {});

// True when some command of `view` at or after `from` removes a path under `prefix`
// (`/var/lib/apt/lists` matches `rm -rf /var/lib/apt/lists/*`). One level of `{a,b}` braces
// in the removed path is expanded.
bool RemovesUnder(const RunView& view, std::string_view prefix, CommandRef from = {});

// `path` with one `{a,b,...}` group expanded (the path itself when it has none).
std::vector<std::string> ExpandBraces(const std::string& path);

// True when `path` is `prefix` or below it (`prefix/...`, `prefix/*`).
bool PathUnder(std::string_view path, std::string_view prefix);

}  // namespace slimage::rules
