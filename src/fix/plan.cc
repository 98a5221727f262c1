#include "fix/plan.h"

#include <algorithm>

namespace slimage::fix {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 60)) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  if (text.size() > 60) out += "…";
  return out;
}

size_t PlanContext::IndexOf(const dockerfile::Instruction& instruction) const {
  const auto& children = pass.parse.root.children;
  const dockerfile::Node* node = instruction.line_node != nullptr ? instruction.line_node : instruction.node;
  return node == nullptr ? children.size() : static_cast<size_t>(node - children.data());
}

const rules::RunView* PlanContext::RunAt(int line) const {
  for (const rules::RunView& view : *pass.runs) {
    // An ONBUILD trigger is found by its ONBUILD line (NotEditable then says why not).
    if (view.reported->position.line <= line && line <= view.reported->end_line) return &view;
  }
  return nullptr;
}

const rules::RunView* PlanContext::ViewOf(const dockerfile::Instruction& instruction) const {
  for (const rules::RunView& view : *pass.runs) {
    if (view.run == &instruction) return &view;
  }
  return nullptr;
}

std::optional<rules::CommandRef> PlanContext::CommandAt(const rules::RunView& view, int line, int column) const {
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    if (view.scripts[s].heredoc != nullptr) continue;
    const auto& commands = view.scripts[s].analysis.script.commands;
    for (size_t c = 0; c < commands.size(); ++c) {
      const shell::ShellCommand& command = commands[c];
      size_t offset = command.depth == 0 && !command.argv.empty() ? command.argv.front().begin : command.begin;
      if (offset >= view.run->command.size()) continue;
      dockerfile::SourcePosition position = view.run->CommandPosition(offset);
      if (position.line == line && position.column == column) return rules::CommandRef{s, c};
    }
  }
  return std::nullopt;
}

size_t PlanContext::CommandFileOffset(const dockerfile::Instruction& run, size_t offset) const {
  return run.line_node->FileOffsetOf(run.node->args_offset + run.command_offset + offset);
}

std::string_view PlanContext::LineEnding(const dockerfile::Node& node) const {
  std::string_view text = source().substr(node.file_begin, node.file_end - node.file_begin);
  size_t newline = text.find('\n');
  if (newline == std::string_view::npos) {
    // The last line of a file without a final newline: the file's first line ending.
    size_t first = source().find('\n');
    return first != std::string_view::npos && first > 0 && source()[first - 1] == '\r' ? "\r\n" : "\n";
  }
  return newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
}

bool PlanContext::WordExact(const dockerfile::Instruction& run, const shell::Word& word) const {
  if (word.end < word.begin || word.end > run.command.size() || word.raw.empty()) return false;
  size_t begin = CommandFileOffset(run, word.begin);
  size_t end = CommandFileOffset(run, word.end);
  if (end < begin || end > source().size()) return false;
  return source().substr(begin, end - begin) == word.raw;
}

std::string PlanContext::NotEditable(const rules::RunView& view) const {
  if (view.run != view.reported) return "the RUN is an ONBUILD trigger";
  if (view.run->json_form) return "the RUN is in exec form (a JSON array)";
  if (!view.run->heredocs().empty()) return "the RUN has a heredoc";
  if (view.run->line_node == nullptr || view.run->node == nullptr) return "the RUN has no source position";
  return {};
}

int PlanContext::CommandCount(const rules::RunView& view) {
  int count = 0;
  for (const rules::RunScript& script : view.scripts) count += static_cast<int>(script.analysis.script.commands.size());
  return count;
}

int PlanContext::FindingsIn(std::string_view rule, const dockerfile::Instruction& instruction) const {
  return static_cast<int>(std::count_if(pass.findings.begin(), pass.findings.end(), [&](const rules::Finding& finding) {
    return finding.rule == rule && finding.line >= instruction.position.line && finding.line <= instruction.end_line;
  }));
}

std::optional<Edit> AppendToRun(const PlanContext& context, const dockerfile::Instruction& run, std::string text,
                                std::string* reason) {
  std::string_view command = run.command;
  size_t end = command.size();
  while (end > 0 && (IsBlank(command[end - 1]) || command[end - 1] == '\r' || command[end - 1] == '\n')) --end;
  if (end == 0) {
    *reason = "the RUN is empty";
    return std::nullopt;
  }
  if (command[end - 1] == '&') {
    *reason = "the RUN ends with a background command";
    return std::nullopt;
  }
  // `a; && b` does not parse, and `a; b` would hide a failure of `a`.
  if (command[end - 1] == ';') {
    *reason = "the RUN ends with `;`";
    return std::nullopt;
  }
  Edit edit;
  edit.offset = context.CommandFileOffset(run, end);
  edit.replacement = std::move(text);
  return edit;
}

std::optional<Edit> InsertAfterWord(const PlanContext& context, const dockerfile::Instruction& run,
                                    const shell::Word& word, std::string text, std::string* reason) {
  if (!context.WordExact(run, word)) {
    *reason = "the word `" + Printable(word.value) + "` is not where its offsets say (a continuation or quoting inside it)";
    return std::nullopt;
  }
  Edit edit;
  edit.offset = context.CommandFileOffset(run, word.end);
  edit.replacement = std::move(text);
  return edit;
}

std::string MergeHazard(const rules::RunView& earlier) {
  for (const rules::RunScript& script : earlier.scripts) {
    for (const shell::ShellCommand& command : script.analysis.script.commands) {
      std::string name = command.name();
      if (name == "cd" || name == "pushd" || name == "popd") return "the first RUN changes directory";
      if (name == "export" || name == "unset" || name == "source" || name == "." || name == "set" ||
          name == "umask" || name == "ulimit" || name == "trap" || name == "alias") {
        return "the first RUN exports a variable or changes the shell";
      }
      if (name == "exec" || std::find(command.wrappers.begin(), command.wrappers.end(), "exec") != command.wrappers.end()) {
        return "the first RUN uses exec";
      }
    }
    if (!script.analysis.script.variables.empty()) return "the first RUN sets a variable";
  }
  return {};
}

std::optional<FixPlan> JoinRuns(const PlanContext& context, const rules::RunView& earlier,
                                const rules::RunView& later, std::string* reason) {
  for (const rules::RunView* view : {&earlier, &later}) {
    if (std::string why = context.NotEditable(*view); !why.empty()) {
      *reason = why;
      return std::nullopt;
    }
  }
  if (std::string hazard = MergeHazard(earlier); !hazard.empty()) {
    *reason = hazard;
    return std::nullopt;
  }
  const dockerfile::Node& first = *earlier.run->line_node;
  const dockerfile::Node& second = *later.run->line_node;
  FixPlan plan;
  std::optional<Edit> joint = AppendToRun(context, *earlier.run, std::string(" && ") + context.escape(), reason);
  if (!joint) return std::nullopt;
  joint->order = 10;  // after what other fixes append to the same RUN; the line ending stays
  plan.edits.push_back(*joint);
  // Blank lines between would be empty continuation lines: they go.
  std::string_view source = context.source();
  for (size_t at = first.file_end; at < second.file_begin;) {
    size_t newline = source.find('\n', at);
    size_t end = newline == std::string_view::npos || newline >= second.file_begin ? second.file_begin : newline + 1;
    std::string_view line = source.substr(at, end - at);
    if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) plan.edits.push_back({at, end - at, "", 0});
    at = end;
  }
  // The continuation line is indented like the earlier RUN's continuation lines, else like the
  // later RUN's own, else by four spaces.
  auto continuation_indent = [&](const dockerfile::Node& node) -> std::optional<std::string> {
    if (node.segments.size() < 2) return std::nullopt;
    size_t line_start = node.segments.back().file_offset;
    size_t end = line_start;
    while (end < source.size() && IsBlank(source[end])) ++end;
    return std::string(source.substr(line_start, end - line_start));
  };
  std::string indent = continuation_indent(first).value_or(continuation_indent(second).value_or("    "));
  size_t command_start = context.CommandFileOffset(*later.run, 0);
  plan.edits.push_back({second.file_begin, command_start - second.file_begin, indent, 0});
  plan.removed.push_back(context.IndexOf(*later.run));
  plan.command_delta[context.IndexOf(*earlier.run)] = PlanContext::CommandCount(later);
  plan.anchor = context.IndexOf(*earlier.run);
  return plan;
}

}  // namespace slimage::fix
