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
                  std::unique_ptr<LintPass>* proven) {
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
  *proven = std::move(fixed);
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

namespace {

// One round of fixes over `pass`: plan every finding of the round's rules, drop colliding plans,
// prove the rest (together, else one by one).
struct Round {
  std::vector<FixPlan> plans;              // every plan made
  std::vector<const FixPlan*> accepted;    // those applied
  std::vector<SkippedFix> skipped;         // lines in the round's input
  std::unique_ptr<LintPass> result;        // the proven output; null when nothing applied
};

template <typename Accept>
Round RunRound(const LintPass& pass, const FixOptions& options, const std::vector<std::string>& round_rules,
               Accept&& accept) {
  Round round;
  PlanContext context{pass, options.unsafe};
  std::set<std::pair<std::string, size_t>> planned;
  const auto& fixable = FixableRules();
  for (const rules::Finding& finding : pass.findings) {
    if (std::find(fixable.begin(), fixable.end(), finding.rule) == fixable.end()) continue;
    if (std::find(round_rules.begin(), round_rules.end(), finding.rule) == round_rules.end()) continue;
    if (!options.rules.empty() && std::find(options.rules.begin(), options.rules.end(), finding.rule) == options.rules.end()) {
      continue;
    }
    PlanOutcome outcome = IsLayerRule(finding.rule) ? PlanLayerFix(context, finding) : PlanPackageFix(context, finding);
    if (!outcome.plan) {
      round.skipped.push_back({finding.rule, finding.line, outcome.reason});
      continue;
    }
    if (!planned.insert({finding.rule, outcome.plan->anchor}).second) continue;  // one plan per RUN and rule
    round.plans.push_back(std::move(*outcome.plan));
  }
  std::vector<const FixPlan*> candidates;
  for (const FixPlan& plan : round.plans) {
    auto clash = std::find_if(candidates.begin(), candidates.end(), [&](const FixPlan* other) { return PlansOverlap(plan, *other); });
    if (clash != candidates.end()) {
      round.skipped.push_back({plan.rule, plan.line,
                               "its edits overlap the " + (*clash)->rule + " fix at line " + std::to_string((*clash)->line)});
      continue;
    }
    if (std::string why = accept(plan); !why.empty()) {
      round.skipped.push_back({plan.rule, plan.line, why});
      continue;
    }
    candidates.push_back(&plan);
  }
  if (candidates.empty()) return round;
  if (Prove(pass, candidates, options, &round.result).empty()) {
    round.accepted = std::move(candidates);
    return round;
  }
  // Together they fail: add them one by one, each proven with those kept before it.
  for (const FixPlan* plan : candidates) {
    round.accepted.push_back(plan);
    std::unique_ptr<LintPass> proven;
    std::string why = Prove(pass, round.accepted, options, &proven);
    if (why.empty()) {
      round.result = std::move(proven);
    } else {
      round.accepted.pop_back();
      round.skipped.push_back({plan->rule, plan->line, "the proof failed: " + why});
    }
  }
  return round;
}

// Maps offsets of the text after `first` (sorted edits of the original) back to the original.
class OffsetMap {
 public:
  explicit OffsetMap(std::vector<Edit> first) : first_(std::move(first)) {}
  // An edit of the edited text as an edit of the original, or nullopt when it reaches into text
  // that `first` inserted.
  std::optional<Edit> Back(const Edit& edit) const {
    long shift = 0;
    int order = edit.order;
    for (const Edit& earlier : first_) {
      size_t start = static_cast<size_t>(static_cast<long>(earlier.offset) + shift);  // in the edited text
      size_t stop = start + earlier.replacement.size();
      if (edit.end() <= start) {
        // Right before inserted text: before it in the original too.
        if (edit.length == 0 && edit.offset == start) order = std::min(order, earlier.order - 1);
        break;
      }
      if (edit.offset < stop) return std::nullopt;  // reaches into what `earlier` inserted
      if (edit.length == 0 && edit.offset == stop) order = std::max(order, earlier.order + 1);
      shift += static_cast<long>(earlier.replacement.size()) - static_cast<long>(earlier.length);
    }
    Edit mapped = edit;
    mapped.offset = static_cast<size_t>(static_cast<long>(edit.offset) - shift);
    mapped.order = order;
    return mapped;
  }
  // An edit of the edited text that wholly covers text `first` inserted (a deletion across a
  // joint ` && \`): one edit of the original that replaces those edits too, with their indexes.
  std::optional<std::pair<Edit, std::vector<size_t>>> Absorb(const Edit& edit) const {
    if (edit.length == 0) return std::nullopt;
    long shift = 0;
    std::optional<size_t> start;
    std::optional<size_t> end;
    std::vector<size_t> absorbed;
    auto at = [&](size_t offset) { return static_cast<size_t>(static_cast<long>(offset) - shift); };
    for (size_t i = 0; i < first_.size(); ++i) {
      const Edit& earlier = first_[i];
      size_t from = static_cast<size_t>(static_cast<long>(earlier.offset) + shift);
      size_t stop = from + earlier.replacement.size();
      if (!start) {
        if (edit.offset < from) {
          start = at(edit.offset);
        } else if (edit.offset == from) {
          start = earlier.offset;
        } else if (edit.offset < stop) {
          return std::nullopt;  // starts inside inserted text
        }
      }
      if (start) {
        if (edit.end() <= from) {
          end = at(edit.end());
          break;
        }
        if (stop > edit.end()) return std::nullopt;  // ends inside inserted text
        absorbed.push_back(i);
      }
      shift += static_cast<long>(earlier.replacement.size()) - static_cast<long>(earlier.length);
      if (start && edit.end() == stop) {
        end = earlier.end();
        break;
      }
    }
    if (!start) start = at(edit.offset);
    if (!end) end = at(edit.end());
    if (*end < *start) return std::nullopt;
    Edit mapped{*start, *end - *start, edit.replacement, edit.order};
    return std::pair(mapped, absorbed);
  }
  size_t BackOffset(size_t offset) const {
    long shift = 0;
    for (const Edit& earlier : first_) {
      size_t start = static_cast<size_t>(static_cast<long>(earlier.offset) + shift);
      if (offset < start + earlier.replacement.size()) {
        return offset < start ? static_cast<size_t>(static_cast<long>(offset) - shift) : earlier.offset;
      }
      shift += static_cast<long>(earlier.replacement.size()) - static_cast<long>(earlier.length);
    }
    return static_cast<size_t>(static_cast<long>(offset) - shift);
  }

 private:
  std::vector<Edit> first_;
};

size_t LineStart(std::string_view text, int line) {
  size_t at = 0;
  for (int current = 1; current < line; ++current) {
    size_t newline = text.find('\n', at);
    if (newline == std::string_view::npos) return text.size();
    at = newline + 1;
  }
  return at;
}

}  // namespace

// Two rounds: first the fixes that join instructions (SL302, SL601, SL602), then, over their
// result, the ones inside a RUN, so that a cleanup appended to a RUN lands after the commands
// joined to it. The second round's edits are mapped back to offsets of the original file.
Expected<FileFix> FixSource(std::string_view file, std::string source, const FixOptions& options) {
  std::unique_ptr<LintPass> pass = RunLintPass(std::move(source), {options.target, options.settings, options.ignore});
  if (pass->target_error) return MakeError("{}: {}", file, *pass->target_error);
  if (pass->error) return MakeError("{}:{}: {}", file, pass->error->line, pass->error->message);
  FileFix result;
  result.file = std::string(file);
  result.original = pass->source;
  result.fixed = pass->source;

  // Each round's edits are edits of the previous round's output; maps[k] takes round k's
  // offsets back to round k-1's, down to the original.
  static const std::vector<std::vector<std::string>> kRounds = {
      {"SL302", "SL602"},  // a cleanup or chown moved where it saves bytes, before SL601 joins RUNs
      {"SL601"},
      {"SL301", "SL303", "SL304", "SL305", "SL306", "SL307", "SL309", "SL311"}};
  // The edits so far, as edits of the original, in file order; `map` takes offsets of their
  // output (the next round's input) back to the original.
  std::vector<std::pair<Edit, std::string>> edits;
  auto sort_edits = [&] {
    std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) {
      return std::tuple(a.first.offset, a.first.length > 0, a.first.order) <
             std::tuple(b.first.offset, b.first.length > 0, b.first.order);
    });
  };
  auto make_map = [&] {
    std::vector<Edit> list;
    for (const auto& [edit, rule] : edits) list.push_back(edit);
    return OffsetMap(std::move(list));
  };
  OffsetMap map = make_map();
  std::vector<std::unique_ptr<LintPass>> outputs;
  const LintPass* input = pass.get();
  auto original_line = [&](int line) {
    if (edits.empty()) return line;
    return LineColumn(result.original, map.BackOffset(LineStart(input->source, line))).first;
  };
  for (const std::vector<std::string>& rules_of_round : kRounds) {
    auto composes = [&](const FixPlan& plan) {
      for (const Edit& edit : plan.edits) {
        if (!map.Back(edit) && !map.Absorb(edit)) return std::string("its edits reach into text another fix inserted");
      }
      return std::string();
    };
    Round round = RunRound(*input, options, rules_of_round, composes);
    for (SkippedFix skip : round.skipped) {
      skip.line = original_line(skip.line);
      result.skipped.push_back(std::move(skip));
    }
    std::set<size_t> absorbed;
    std::vector<std::pair<Edit, std::string>> added;
    for (const FixPlan* plan : round.accepted) {
      result.fixed_findings += plan->fixes;
      for (const Edit& edit : plan->edits) {
        if (std::optional<Edit> mapped = map.Back(edit)) {
          added.emplace_back(*mapped, plan->rule);
        } else {
          auto [covering, covered] = *map.Absorb(edit);
          absorbed.insert(covered.begin(), covered.end());
          added.emplace_back(covering, plan->rule);
        }
      }
    }
    std::vector<std::pair<Edit, std::string>> kept;
    for (size_t i = 0; i < edits.size(); ++i) {
      if (absorbed.count(i) == 0) kept.push_back(std::move(edits[i]));
    }
    edits = std::move(kept);
    edits.insert(edits.end(), added.begin(), added.end());
    sort_edits();
    if (!round.result) continue;
    outputs.push_back(std::move(round.result));
    input = outputs.back().get();
    map = make_map();
  }
  std::stable_sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) {
    return std::tuple(a.first.offset, a.first.length > 0, a.first.order) <
           std::tuple(b.first.offset, b.first.length > 0, b.first.order);
  });
  if (!edits.empty()) {
    const LintPass& last = *input;
    std::vector<Edit> all;
    for (const auto& [edit, rule] : edits) all.push_back(edit);
    Expected<std::string> rebuilt = ApplyEdits(result.original, all);
    if (!rebuilt || *rebuilt != last.source) {
      // Never report edits that do not give the output: keep the first round alone.
      return MakeError("{}: internal error: the fix's edits do not compose", file);
    }
    result.fixed = last.source;
    result.changed = result.fixed != result.original;
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
