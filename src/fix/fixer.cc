#include "fix/fixer.h"

#include <algorithm>
#include <set>

#include "dockerfile/dump.h"
#include "fix/lint_pass.h"
#include "fix/plan.h"

namespace slimage::fix {
namespace {

bool IsLayerRule(std::string_view rule) { return rule == "SL302" || rule == "SL601" || rule == "SL602"; }

std::vector<Edit> SortedEdits(const std::vector<const FixPlan*>& plans) {
  std::vector<Edit> edits;
  for (const FixPlan* plan : plans) edits.insert(edits.end(), plan->edits.begin(), plan->edits.end());
  SortEdits(&edits);
  return edits;
}

bool PlansOverlap(const FixPlan& a, const FixPlan& b) {
  for (const Edit& x : a.edits) {
    for (const Edit& y : b.edits) {
      if (Overlap(x, y)) return true;
      // Two deletions/replacements of the same instruction's lines, or an insertion at the very
      // start of what the other replaces: keep them apart too.
      if (x.length > 0 && y.length == 0 && y.offset == x.offset) return true;
      if (y.length > 0 && x.length == 0 && x.offset == y.offset) return true;
    }
  }
  for (size_t removed : a.removed) {
    if (std::find(b.removed.begin(), b.removed.end(), removed) != b.removed.end()) return true;
    if (b.command_delta.count(removed) != 0) return true;
  }
  for (size_t removed : b.removed) {
    if (a.command_delta.count(removed) != 0) return true;
  }
  return false;
}

bool Touches(const Edit& edit, const dockerfile::Node& node, bool last) {
  if (edit.offset < node.file_end && edit.end() >= node.file_begin) return true;
  return last && edit.offset == node.file_end;
}

// Empty when `plans` together pass the proof, else why not.
std::string Prove(const LintPass& original, const std::vector<const FixPlan*>& plans, const FixOptions& options,
                  std::string* fixed_text) {
  std::vector<Edit> edits = SortedEdits(plans);
  Expected<std::string> applied = ApplyEdits(original.source, edits);
  if (!applied) return applied.error().message;
  std::unique_ptr<LintPass> fixed = RunLintPass(*applied, {options.target, options.settings, options.ignore});
  if (fixed->error) return "the fixed file does not parse: " + fixed->error->message;
  if (fixed->target_error) return *fixed->target_error;
  // The fixed findings are gone, and no finding appears.
  std::map<std::string, int> expected = original.Counts();
  for (const FixPlan* plan : plans) expected[plan->rule] -= plan->fixes;
  for (const auto& [rule, count] : fixed->Counts()) {
    int allowed = expected.count(rule) != 0 ? expected[rule] : 0;
    if (count > allowed) {
      bool fixed_rule = std::any_of(plans.begin(), plans.end(), [&](const FixPlan* p) { return p->rule == rule; });
      return fixed_rule ? rule + " still fires after the fix" : "the fix makes " + rule + " fire";
    }
  }
  // Instructions: the removed ones are gone, the untouched ones parse the same, and each edited
  // RUN runs its commands plus those the fix adds.
  const auto& before = original.parse.root.children;
  const auto& after = fixed->parse.root.children;
  std::set<size_t> removed;
  std::map<size_t, int> delta;
  for (const FixPlan* plan : plans) {
    removed.insert(plan->removed.begin(), plan->removed.end());
    for (const auto& [index, added] : plan->command_delta) delta[index] += added;
  }
  if (after.size() + removed.size() != before.size()) return "the fix changes the number of instructions";
  std::map<const dockerfile::Node*, int> commands_before;
  for (const rules::RunView& view : *original.runs) {
    if (view.run == view.reported) commands_before[view.run->node] = PlanContext::CommandCount(view);
  }
  std::map<const dockerfile::Node*, int> commands_after;
  for (const rules::RunView& view : *fixed->runs) {
    if (view.run == view.reported) commands_after[view.run->node] = PlanContext::CommandCount(view);
  }
  size_t j = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    if (removed.count(i) != 0) continue;
    const dockerfile::Node& old_node = before[i];
    const dockerfile::Node& new_node = after[j++];
    bool touched = std::any_of(edits.begin(), edits.end(),
                               [&](const Edit& edit) { return Touches(edit, old_node, i + 1 == before.size()); });
    if (!touched) {
      if (dockerfile::Dump(old_node) != dockerfile::Dump(new_node) || old_node.heredocs.size() != new_node.heredocs.size()) {
        return "the instruction at line " + std::to_string(old_node.start_line) + " would change";
      }
      continue;
    }
    auto was = commands_before.find(&old_node);
    if (was == commands_before.end()) continue;
    auto now = commands_after.find(&new_node);
    int wanted = was->second + (delta.count(i) != 0 ? delta[i] : 0);
    if (now == commands_after.end() || now->second != wanted) {
      return "the edited RUN at line " + std::to_string(old_node.start_line) + " would not run the commands it should";
    }
  }
  *fixed_text = std::move(*applied);
  return {};
}

std::pair<int, int> LineColumn(std::string_view source, size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < source.size(); ++i) {
    if (source[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

}  // namespace

const std::vector<std::string>& FixableRules() {
  static const std::vector<std::string> kRules = {"SL301", "SL302", "SL303", "SL304", "SL305", "SL306",
                                                  "SL307", "SL309", "SL311", "SL601", "SL602"};
  return kRules;
}

bool IsUnsafeFix(std::string_view rule) { return rule == "SL303"; }

Expected<FileFix> FixSource(std::string_view file, std::string source, const FixOptions& options) {
  std::unique_ptr<LintPass> pass = RunLintPass(std::move(source), {options.target, options.settings, options.ignore});
  if (pass->target_error) return MakeError("{}: {}", file, *pass->target_error);
  if (pass->error) return MakeError("{}:{}: {}", file, pass->error->line, pass->error->message);
  FileFix result;
  result.file = std::string(file);
  result.original = pass->source;
  result.fixed = pass->source;

  PlanContext context{*pass, options.unsafe};
  std::vector<FixPlan> plans;
  std::set<std::pair<std::string, size_t>> planned;
  for (const rules::Finding& finding : pass->findings) {
    const auto& fixable = FixableRules();
    if (std::find(fixable.begin(), fixable.end(), finding.rule) == fixable.end()) continue;
    if (!options.rules.empty() && std::find(options.rules.begin(), options.rules.end(), finding.rule) == options.rules.end()) {
      continue;
    }
    PlanOutcome outcome = IsLayerRule(finding.rule) ? PlanLayerFix(context, finding) : PlanPackageFix(context, finding);
    if (!outcome.plan) {
      result.skipped.push_back({finding.rule, finding.line, outcome.reason});
      continue;
    }
    if (!planned.insert({finding.rule, outcome.plan->anchor}).second) continue;  // one plan per RUN and rule
    plans.push_back(std::move(*outcome.plan));
  }
  // Plans in file order; one that collides with an earlier one waits (skipped: a second run fixes it).
  std::vector<const FixPlan*> accepted;
  for (const FixPlan& plan : plans) {
    auto clash = std::find_if(accepted.begin(), accepted.end(), [&](const FixPlan* other) { return PlansOverlap(plan, *other); });
    if (clash != accepted.end()) {
      result.skipped.push_back({plan.rule, plan.line,
                                "its edits overlap the " + (*clash)->rule + " fix at line " + std::to_string((*clash)->line)});
      continue;
    }
    accepted.push_back(&plan);
  }
  std::string fixed_text;
  if (!accepted.empty() && !Prove(*pass, accepted, options, &fixed_text).empty()) {
    // Together they fail: add them one by one, each proven with those kept before it.
    std::vector<const FixPlan*> kept;
    for (const FixPlan* plan : accepted) {
      kept.push_back(plan);
      std::string text;
      std::string why = Prove(*pass, kept, options, &text);
      if (why.empty()) {
        fixed_text = std::move(text);
      } else {
        kept.pop_back();
        result.skipped.push_back({plan->rule, plan->line, "the proof failed: " + why});
      }
    }
    accepted = std::move(kept);
  }
  if (!accepted.empty()) {
    result.fixed = std::move(fixed_text);
    result.changed = result.fixed != result.original;
    for (const FixPlan* plan : accepted) result.fixed_findings += plan->fixes;
    std::vector<std::pair<Edit, std::string>> edits;
    for (const FixPlan* plan : accepted) {
      for (const Edit& edit : plan->edits) edits.emplace_back(edit, plan->rule);
    }
    std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) {
      return std::tuple(a.first.offset, a.first.length > 0, a.first.order) <
             std::tuple(b.first.offset, b.first.length > 0, b.first.order);
    });
    for (const auto& [edit, rule] : edits) {
      auto [line, column] = LineColumn(result.original, edit.offset);
      int end_line = LineColumn(result.original, edit.end()).first;
      result.edits.push_back({rule, line, column, end_line, edit.offset, edit.length, edit.replacement});
    }
  }
  std::stable_sort(result.skipped.begin(), result.skipped.end(),
                   [](const SkippedFix& a, const SkippedFix& b) { return std::tie(a.line, a.rule) < std::tie(b.line, b.rule); });
  return result;
}

}  // namespace slimage::fix
