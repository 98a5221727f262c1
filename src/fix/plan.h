// A candidate fix of one finding: its edits of the original file and what the proof
// (fixer.cc) checks after applying them: which instructions it deletes and how many shell
// commands each RUN it edits gains or loses. A planner returns a plan or the reason it cannot
// fix this finding safely.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fix/edit.h"
#include "fix/lint_pass.h"
#include "rules/run_scan.h"

namespace slimage::fix {

struct FixPlan {
  std::string rule;
  int line = 1;                         // the finding's
  size_t anchor = 0;                    // root child index of the instruction it fixes (deduplication)
  std::vector<Edit> edits;
  std::vector<size_t> removed;          // root child indexes of instructions the fix deletes
  std::map<size_t, int> command_delta;  // root child index -> shell commands the fix adds (or removes)
  int fixes = 1;                        // findings it removes
};

struct PlanOutcome {
  std::optional<FixPlan> plan;
  std::string reason;  // when no plan

  static PlanOutcome Skip(std::string why) { return {std::nullopt, std::move(why)}; }
};

struct PlanContext {
  const LintPass& pass;
  bool unsafe = false;
  std::string_view source() const { return pass.source; }
  char escape() const { return pass.parse.escape_token; }

  // Root child index of a top-level instruction.
  size_t IndexOf(const dockerfile::Instruction& instruction) const;
  // The RUN (or ONBUILD RUN) whose lines hold `line`.
  const rules::RunView* RunAt(int line) const;
  // The command at the finding's position (as RunView::MakeFinding places it), in the RUN text.
  std::optional<rules::CommandRef> CommandAt(const rules::RunView& view, int line, int column) const;
  // File offset of byte `offset` of a RUN's command text.
  size_t CommandFileOffset(const dockerfile::Instruction& run, size_t offset) const;
  // The line ending the file uses at `instruction` ("\r\n" or "\n").
  std::string_view LineEnding(const dockerfile::Node& node) const;
  // The word as written in the file at its offsets (false for a word split across lines or
  // inside a string whose offsets are not exact).
  bool WordExact(const dockerfile::Instruction& run, const shell::Word& word) const;
  // Why a RUN's text cannot take edits (exec form, heredoc, ONBUILD), or empty.
  std::string NotEditable(const rules::RunView& view) const;
  // Shell commands the RUN runs (every script).
  static int CommandCount(const rules::RunView& view);
  // Findings of `rule` in the lines of `instruction`.
  int FindingsIn(std::string_view rule, const dockerfile::Instruction& instruction) const;
  const rules::RunView* ViewOf(const dockerfile::Instruction& instruction) const;
};

// `text` from the Dockerfile for a message: control bytes as \xNN, at most 60 bytes.
std::string Printable(std::string_view text);

// An edit appending `text` (" && rm -rf …") at the end of the RUN's command text, or why not.
std::optional<Edit> AppendToRun(const PlanContext& context, const dockerfile::Instruction& run, std::string text,
                                std::string* reason);
// An edit inserting `text` right after `word`, or why not.
std::optional<Edit> InsertAfterWord(const PlanContext& context, const dockerfile::Instruction& run,
                                    const shell::Word& word, std::string text, std::string* reason);

// Why merging `later` into `earlier` (adjacent RUNs of one stage) would change what they do,
// or empty: the earlier one changes directory, exports a variable or uses exec (rules.md SL601).
std::string MergeHazard(const rules::RunView& earlier);
// The edits that join RUN `later` to RUN `earlier` with ` && \` (each command keeps its lines;
// comments between stay, blank lines between go); `later` disappears as an instruction.
std::optional<FixPlan> JoinRuns(const PlanContext& context, const rules::RunView& earlier,
                                const rules::RunView& later, std::string* reason);

// Planners, one per rule family (package_fixes.cc, layer_fixes.cc).
PlanOutcome PlanPackageFix(const PlanContext& context, const rules::Finding& finding);
PlanOutcome PlanLayerFix(const PlanContext& context, const rules::Finding& finding);

}  // namespace slimage::fix
