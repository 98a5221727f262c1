// Helpers shared by the stage-aware rules: instructions of a stage (ONBUILD unwrapped), the image
// a stage is ultimately built FROM, whether it has a shell, and building a Finding at an
// instruction. The RUNs with their shell analysis are in rules/run_scan.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/image_ref.h"
#include "dockerfile/instruction.h"
#include "dockerfile/stage.h"
#include "rules/finding.h"
#include "rules/rule.h"
#include "shell/run_analysis.h"

namespace slimage::rules {

// Calls `visit` for every instruction of the stage, ONBUILD triggers unwrapped.
template <typename Visit>
void ForEachInstruction(const dockerfile::Stage& stage, Visit&& visit) {
  for (const dockerfile::Instruction& ins : stage.instructions) {
    if (ins.kind == dockerfile::InstructionKind::kOnbuild) {
      for (const dockerfile::Instruction& trigger : ins.trigger) visit(trigger);
    } else {
      visit(ins);
    }
  }
}

// The stage whose FROM names an image (not a stage) at the root of `stage`'s FROM chain.
const dockerfile::Stage& RootStage(const dockerfile::BuildModel& model, const dockerfile::Stage& stage);

// The target stage, or nullptr for an empty model.
const dockerfile::Stage* TargetStage(const dockerfile::BuildModel& model);

// `scratch`, or a gcr.io/distroless image that is not a :debug variant: no /bin/sh.
bool ImageHasNoShell(const dockerfile::ImageRef& image);

// Whether the stage (or a stage it is built FROM) copies a shell in: `COPY --from=busybox …`,
// a path naming busybox or ending in /bin/sh, or a SHELL instruction naming another shell.
bool StageChainAddsShell(const dockerfile::BuildModel& model, const dockerfile::Stage& stage);

// Whether running `stage` has /bin/sh: its root image has one, or the chain adds one.
bool StageHasShell(const dockerfile::BuildModel& model, const dockerfile::Stage& stage);

// A local tar archive, which ADD extracts into its destination (a URL is not extracted).
bool IsLocalTarArchive(std::string_view source);

// COPY/ADD sources (every argument but the destination; heredoc COPY included as written).
std::vector<std::string> CopySources(const dockerfile::Instruction& copy);

// The last path component of a repository ("library/node" -> "node").
std::string_view RepositoryBaseName(std::string_view repository);

// The argv of a command joined by spaces on one line (control characters become spaces); over
// 80 bytes it ends with "…" after the last whole word that fits ("go build -o /app .").
std::string CommandSummary(const shell::ShellCommand& command);

// A finding of `rule` at the instruction (its first line and column).
Finding MakeFinding(const RuleInfo& rule, const dockerfile::Stage& stage, const dockerfile::Instruction& at,
                    std::string message);

}  // namespace slimage::rules
