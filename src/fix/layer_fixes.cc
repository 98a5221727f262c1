// Fixes that move work between instructions: SL601 joins one-command RUNs, SL302 moves a
// cleanup RUN into the RUN before it, SL602 turns `COPY` + `RUN chown` into `COPY --chown` (or
// joins the chown to the RUN that wrote the files).
#include <algorithm>

#include "fix/plan.h"
#include "rules/workdir.h"
#include "shell/operations.h"

namespace slimage::fix {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

// The instruction of the RUN's stage right before it, skipping nothing.
const Instruction* Previous(const rules::RunView& view) {
  if (view.instruction_index == 0) return nullptr;
  return &view.stage->instructions[view.instruction_index - 1];
}

bool SameFlags(const Instruction& a, const Instruction& b) {
  if (a.flags.size() != b.flags.size()) return false;
  for (size_t i = 0; i < a.flags.size(); ++i) {
    if (a.flags[i].name != b.flags[i].name || a.flags[i].value != b.flags[i].value) return false;
  }
  return true;
}

// The instruction a finding names besides its own (SL302: the layer holding the bytes; SL602: the
// writer of the files), set by the rule.
std::optional<int> NamedLine(const rules::Finding& finding) {
  if (finding.related_line <= 0) return std::nullopt;
  return finding.related_line;
}

PlanOutcome Merge(const PlanContext& context, const rules::RunView& earlier, const rules::RunView& later,
                  const std::string& rule, int line) {
  if (!SameFlags(*earlier.run, *later.run)) return PlanOutcome::Skip("the two RUNs have different flags");
  std::string reason;
  std::optional<FixPlan> plan = JoinRuns(context, earlier, later, &reason);
  if (!plan) return PlanOutcome::Skip(reason);
  plan->rule = rule;
  plan->line = line;
  return {std::move(plan), {}};
}

PlanOutcome PlanCombine(const PlanContext& context, const rules::Finding& finding) {
  const rules::RunView* first = context.RunAt(finding.line);
  if (first == nullptr) return PlanOutcome::Skip("the finding is not at a RUN");
  int last_line = std::max(finding.group_last_line, finding.line);
  std::vector<const rules::RunView*> group{first};
  for (size_t i = first->instruction_index + 1; i < first->stage->instructions.size(); ++i) {
    const Instruction& next = first->stage->instructions[i];
    if (next.position.line > last_line || next.kind != InstructionKind::kRun) break;
    const rules::RunView* view = context.ViewOf(next);
    if (view == nullptr) return PlanOutcome::Skip("a RUN of the group could not be analysed");
    group.push_back(view);
  }
  if (group.size() < 2) return PlanOutcome::Skip("the group of RUNs was not found");
  FixPlan combined;
  combined.rule = finding.rule;
  combined.line = finding.line;
  combined.anchor = context.IndexOf(*first->run);
  for (size_t i = 1; i < group.size(); ++i) {
    PlanOutcome step = Merge(context, *group[i - 1], *group[i], finding.rule, finding.line);
    if (!step.plan) return step;
    combined.edits.insert(combined.edits.end(), step.plan->edits.begin(), step.plan->edits.end());
    combined.removed.insert(combined.removed.end(), step.plan->removed.begin(), step.plan->removed.end());
  }
  int added = 0;
  for (size_t i = 1; i < group.size(); ++i) added += PlanContext::CommandCount(*group[i]);
  combined.command_delta[combined.anchor] = added;
  return {std::move(combined), {}};
}

PlanOutcome PlanCleanupMove(const PlanContext& context, const rules::Finding& finding) {
  const rules::RunView* cleanup = context.RunAt(finding.line);
  if (cleanup == nullptr) return PlanOutcome::Skip("the finding is not at a RUN");
  const Instruction* previous = Previous(*cleanup);
  std::optional<int> holder = NamedLine(finding);
  if (previous == nullptr || previous->kind != InstructionKind::kRun) {
    return PlanOutcome::Skip("the instruction before the cleanup is not a RUN");
  }
  if (!holder || *holder < previous->position.line || *holder > previous->end_line) {
    return PlanOutcome::Skip(holder ? "the files were written by line " + std::to_string(*holder) +
                                          "; moving the cleanup across the instructions in between is not safe"
                                    : "the layer holding the files is not known");
  }
  const rules::RunView* writer = context.ViewOf(*previous);
  if (writer == nullptr) return PlanOutcome::Skip("the earlier RUN could not be analysed");
  return Merge(context, *writer, *cleanup, finding.rule, finding.line);
}

PlanOutcome PlanChownMove(const PlanContext& context, const rules::Finding& finding) {
  const rules::RunView* run = context.RunAt(finding.line);
  if (run == nullptr) return PlanOutcome::Skip("the finding is not at a RUN");
  if (std::string why = context.NotEditable(*run); !why.empty()) return PlanOutcome::Skip(why);
  const Instruction* previous = Previous(*run);
  std::optional<int> writer_line = NamedLine(finding);
  if (previous == nullptr || !writer_line || *writer_line != previous->position.line) {
    return PlanOutcome::Skip("the files were written by an instruction that is not right before the RUN");
  }
  if (previous->kind == InstructionKind::kRun) {
    const rules::RunView* writer = context.ViewOf(*previous);
    if (writer == nullptr) return PlanOutcome::Skip("the earlier RUN could not be analysed");
    return Merge(context, *writer, *run, finding.rule, finding.line);
  }
  if (previous->kind != InstructionKind::kCopy && previous->kind != InstructionKind::kAdd) {
    return PlanOutcome::Skip("the files were not written by a COPY, ADD or RUN");
  }
  std::optional<rules::CommandRef> ref = context.CommandAt(*run, finding.line, finding.column);
  if (!ref) return PlanOutcome::Skip("the chown is not in the RUN text");
  if (PlanContext::CommandCount(*run) != 1) return PlanOutcome::Skip("the RUN does more than the chown/chmod");
  const shell::FileOperation* operation = nullptr;
  for (const shell::FileOperation& candidate : run->scripts[ref->script].analysis.files) {
    if (candidate.command_index == ref->command &&
        (candidate.kind == shell::FileOperationKind::kChown || candidate.kind == shell::FileOperationKind::kChmod)) {
      operation = &candidate;
    }
  }
  if (operation == nullptr) return PlanOutcome::Skip("no chown/chmod at the finding");
  const bool chown = operation->kind == shell::FileOperationKind::kChown;
  const std::string flag = chown ? "chown" : "chmod";
  if (previous->FindFlag(flag) != nullptr) return PlanOutcome::Skip("the COPY already has --" + flag);
  if (previous->args.size() < 2) return PlanOutcome::Skip("the COPY has no destination");
  // The chown must touch exactly what the COPY wrote: its destination.
  std::optional<std::string> workdir = rules::WorkdirBefore(context.pass.model.model, *run->stage, run->instruction_index);
  std::string base = workdir.value_or("/");
  std::string destination = rules::ResolvePath(base, previous->args.back());
  if (operation->paths.size() != 1 || rules::ResolvePath(base, operation->paths.front()) != destination) {
    return PlanOutcome::Skip("the " + flag + " also touches other paths than the COPY's destination");
  }
  const std::string& value = operation->owner_or_mode;
  if (value.empty() || value.find_first_of("$`'\" \\") != std::string::npos) {
    return PlanOutcome::Skip("the " + flag + " value is not known");
  }
  if (!chown && !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '7'; })) {
    return PlanOutcome::Skip("a symbolic chmod mode has no --chmod equivalent");
  }
  const dockerfile::Node& copy_node = *previous->line_node;
  if (previous->line_node != previous->node) return PlanOutcome::Skip("the COPY is an ONBUILD trigger");
  FixPlan plan;
  plan.rule = finding.rule;
  plan.line = finding.line;
  plan.anchor = context.IndexOf(*run->run);
  size_t after_name = copy_node.FileOffsetOf(copy_node.name_offset + copy_node.value.size());
  plan.edits.push_back({after_name, 0, " --" + flag + "=" + value, 0});
  const dockerfile::Node& run_node = *run->run->line_node;
  plan.edits.push_back({run_node.file_begin, run_node.file_end - run_node.file_begin, "", 0});
  plan.removed.push_back(context.IndexOf(*run->run));
  return {std::move(plan), {}};
}

}  // namespace

PlanOutcome PlanLayerFix(const PlanContext& context, const rules::Finding& finding) {
  if (finding.rule == "SL601") return PlanCombine(context, finding);
  if (finding.rule == "SL302") return PlanCleanupMove(context, finding);
  if (finding.rule == "SL602") return PlanChownMove(context, finding);
  return PlanOutcome::Skip("no fix");
}

}  // namespace slimage::fix
