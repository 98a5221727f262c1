#include "rules/run_scan.h"

#include <algorithm>
#include <memory>

#include "rules/rule_helpers.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

std::string_view TrimLeft(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

// `RUN <<EOF` and `RUN sh <<EOF` run the heredoc body as the script.
bool HeredocIsScript(const Instruction& run) {
  std::string_view text = TrimLeft(run.command);
  if (text.starts_with("<<")) return true;
  for (std::string_view shell : {"sh", "bash", "ash", "dash", "/bin/sh", "/bin/bash", "/bin/ash"}) {
    if (text.starts_with(shell) && text.size() > shell.size() &&
        (text[shell.size()] == ' ' || text[shell.size()] == '\t')) {
      std::string_view rest = TrimLeft(text.substr(shell.size()));
      while (rest.starts_with("-")) {  // sh -e <<EOF
        size_t end = rest.find_first_of(" \t");
        if (end == std::string_view::npos) return false;
        rest = TrimLeft(rest.substr(end));
      }
      if (rest.starts_with("<<")) return true;
    }
  }
  return false;
}

void AddRun(const dockerfile::BuildModel& model, const dockerfile::Stage& stage, const Instruction& run,
            const Instruction& reported, size_t index, std::vector<RunView>* runs) {
  RunView view;
  view.stage = &stage;
  view.run = &run;
  view.reported = &reported;
  view.instruction_index = index;
  if (run.json_form) {
    view.scripts.push_back({shell::AnalyzeExecForm(run.args, run.env), nullptr, {}});
  } else if (!run.heredocs().empty() && HeredocIsScript(run)) {
    for (const dockerfile::Heredoc& heredoc : run.heredocs()) {
      auto analysis = shell::AnalyzeRun(heredoc.content, run.env);
      if (analysis) view.scripts.push_back({std::move(*analysis), &heredoc, {}});
    }
  } else {
    // Heredoc bodies follow the command text as the shell reads them, so `python3 <<EOF` parses
    // and offsets into the command text stay valid.
    std::string text = run.command;
    for (const dockerfile::Heredoc& heredoc : run.heredocs()) {
      text += "\n" + heredoc.content;
      if (text.back() != '\n') text += "\n";
      text += heredoc.name;
    }
    auto analysis = shell::AnalyzeRun(text, run.env);
    if (analysis) view.scripts.push_back({std::move(*analysis), nullptr, {}});
  }
  if (view.scripts.empty()) return;
  std::optional<std::string> workdir = WorkdirBefore(model, stage, index);
  for (RunScript& script : view.scripts) script.directories = DirectoriesOf(script.analysis.script, workdir);
  runs->push_back(std::move(view));
}

}  // namespace

Finding RunView::MakeFinding(const RuleInfo& info, Severity severity, std::optional<CommandRef> ref,
                             std::string message) const {
  Finding finding = rules::MakeFinding(info, *stage, *reported, std::move(message));
  finding.severity = severity;
  if (ref && reported == run && !run->json_form && ref->script < scripts.size()) {
    const shell::ShellCommand& command = Command(*ref);
    size_t offset = command.depth == 0 && !command.argv.empty() ? command.argv.front().begin : command.begin;
    const dockerfile::Heredoc* heredoc = scripts[ref->script].heredoc;
    if (heredoc == nullptr) {
      if (offset >= run->command.size()) return finding;  // in an appended heredoc body
      dockerfile::SourcePosition position = run->CommandPosition(offset);
      if (position.line > 0) {
        finding.line = position.line;
        finding.column = position.column;
      }
    } else if (offset <= heredoc->content.size()) {
      std::string_view before = std::string_view(heredoc->content).substr(0, offset);
      size_t newline = before.rfind('\n');
      finding.line = heredoc->start_line + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
      finding.column = static_cast<int>(newline == std::string_view::npos ? offset : offset - newline - 1) + 1;
    }
  }
  return finding;
}

std::vector<RunView> CollectRuns(const dockerfile::BuildModel& model) {
  std::vector<RunView> runs;
  for (const dockerfile::Stage& stage : model.stages) {
    for (size_t i = 0; i < stage.instructions.size(); ++i) {
      const Instruction& instruction = stage.instructions[i];
      if (instruction.kind == InstructionKind::kRun) {
        AddRun(model, stage, instruction, instruction, i, &runs);
      } else if (instruction.kind == InstructionKind::kOnbuild && !instruction.trigger.empty() &&
                 instruction.trigger.front().kind == InstructionKind::kRun) {
        AddRun(model, stage, instruction.trigger.front(), instruction, i, &runs);
      }
    }
  }
  return runs;
}

const std::vector<RunView>& Runs(const LintContext& context) {
  if (!context.runs) context.runs = std::make_shared<const std::vector<RunView>>(CollectRuns(context.model));
  return *context.runs;
}

std::optional<std::string> VariableFor(const RunView& view, CommandRef ref, std::string_view name) {
  const shell::ShellCommand& command = view.Command(ref);
  for (auto it = command.assignments.rbegin(); it != command.assignments.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  const shell::ShellScript& script = view.scripts[ref.script].analysis.script;
  if (const shell::VariableAssignment* assignment = script.LastAssignmentBefore(name, ref.command)) {
    if (assignment->exported) return assignment->value;
  }
  if (auto value = view.run->env.Find(name)) return std::string(*value);
  return std::nullopt;
}

std::string Invocation(const shell::PackageOperation& operation) {
  return operation.subcommand.empty() ? operation.tool : operation.tool + " " + operation.subcommand;
}

std::optional<Severity> CacheRuleSeverity(const LintContext& context, const dockerfile::Stage& stage,
                                          Severity default_severity) {
  if (context.model.Ships(stage.index)) return default_severity;
  if (context.settings.all_stages) return Severity::kInfo;
  return std::nullopt;
}

bool PathUnder(std::string_view path, std::string_view prefix) {
  while (prefix.size() > 1 && prefix.back() == '/') prefix.remove_suffix(1);
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '/' || prefix == "/";
}

bool CacheMountCovers(const Instruction& run, std::initializer_list<std::string_view> paths,
                      std::initializer_list<std::string_view> suffixes) {
  for (const dockerfile::Flag& flag : run.flags) {
    if (flag.name != "mount" || !flag.value) continue;
    std::string type = "bind";
    std::string target;
    std::string_view rest = *flag.value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view field = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      size_t equals = field.find('=');
      if (equals == std::string_view::npos) continue;
      std::string_view key = field.substr(0, equals);
      std::string_view value = field.substr(equals + 1);
      if (key == "type") type = std::string(value);
      if (key == "target" || key == "dst" || key == "destination") target = std::string(value);
    }
    if ((type != "cache" && type != "tmpfs") || target.empty()) continue;
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    for (std::string_view path : paths) {
      if (PathUnder(path, target)) return true;
    }
    for (std::string_view suffix : suffixes) {
      if (std::string_view(target).ends_with(suffix)) return true;
    }
  }
  return false;
}

std::vector<std::string> ExpandBraces(const std::string& path) {
  size_t open = path.find('{');
  size_t close = open == std::string::npos ? std::string::npos : path.find('}', open);
  if (close == std::string::npos) return {path};
  std::vector<std::string> expanded;
  std::string_view inner = std::string_view(path).substr(open + 1, close - open - 1);
  while (true) {
    size_t comma = inner.find(',');
    expanded.push_back(path.substr(0, open) + std::string(inner.substr(0, comma)) + path.substr(close + 1));
    if (comma == std::string_view::npos) break;
    inner = inner.substr(comma + 1);
  }
  return expanded;
}

bool RemovesUnder(const RunView& view, std::string_view prefix, CommandRef from) {
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    for (const shell::FileOperation& operation : view.scripts[s].analysis.files) {
      if (operation.kind != shell::FileOperationKind::kRemove) continue;
      if (CommandRef{s, operation.command_index} < from) continue;
      for (const std::string& path : operation.paths) {
        for (const std::string& one : ExpandBraces(path)) {
          if (PathUnder(one, prefix)) return true;
        }
      }
    }
  }
  return false;
}

}  // namespace slimage::rules
