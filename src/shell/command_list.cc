#include "shell/command_list.h"

#include <optional>
#include <tuple>
#include <unordered_map>

#include "shell/tools/options.h"
#include "shell/variable_scope.h"
#include "shell/wrappers.h"

namespace slimage::shell {

std::string ShellCommand::name() const {
  if (argv.empty()) return "";
  const std::string& program = argv.front().value;
  size_t slash = program.rfind('/');
  return slash == std::string::npos ? program : program.substr(slash + 1);
}

std::vector<std::string> ShellCommand::args() const {
  std::vector<std::string> out;
  out.reserve(argv.size());
  for (const Word& word : argv) out.push_back(word.value);
  return out;
}

const VariableAssignment* ShellScript::LastAssignmentBefore(std::string_view name, size_t command_index) const {
  const VariableAssignment* found = nullptr;
  for (const auto& assignment : variables) {
    if (assignment.command_index >= command_index) break;
    if (assignment.name == name) found = &assignment;
  }
  return found;
}

namespace {

// Maps offsets in the text being parsed (maybe an sh -c string) back to the RUN text.
struct OffsetMap {
  bool exact = true;
  size_t base = 0;
  size_t span_begin = 0;  // when not exact: the whole span of the word holding the script
  size_t span_end = 0;
  size_t Begin(size_t offset) const { return exact ? base + offset : span_begin; }
  size_t End(size_t offset) const { return exact ? base + offset : span_end; }
};

struct Context {
  std::string_view text;
  OffsetMap map;
  int depth = 0;
  bool in_condition = false;
  bool conditional = false;
  bool in_subshell = false;
  bool background = false;
  size_t shell_id = 0;
};

// Joins fields back into one string, as an assignment's value is never split.
std::string JoinFields(const std::vector<Word>& fields, bool* known) {
  std::string out;
  for (const Word& field : fields) {
    if (!out.empty()) out += ' ';
    out += field.value;
    if (!field.known()) *known = false;
  }
  return out;
}

class Flattener {
 public:
  explicit Flattener(ShellScript& out) : out_(out) {}

  void Script(const ShellAst& ast, const Context& ctx, VariableScope& scope) {
    const ShellAst* saved = ast_;
    ast_ = &ast;
    List(ast.root, ctx, scope);
    ast_ = saved;
  }

  // A command whose words are already expanded: peel wrappers, track variables, recurse into
  // sh -c. Used for shell form and exec form alike.
  void Dispatch(ShellCommand command, const Context& ctx, VariableScope& scope) {
    bool wrapped = PeelWrappers(command);
    if (command.argv.empty()) {
      // Bare assignments change the shell's own variables.
      if (!wrapped) {
        for (size_t i = 0; i < command.assignments.size(); ++i) {
          bool known = i < assignment_known_.size() && assignment_known_[i];
          Assign(scope, command.assignments[i].first,
                 known ? std::optional<std::string>(command.assignments[i].second) : std::nullopt, false);
        }
      }
      out_.commands.push_back(std::move(command));
      return;
    }
    if (!wrapped) Builtin(command, ctx, scope);
    size_t index = out_.commands.size();
    out_.commands.push_back(command);
    NestedShell(index, ctx, scope);
  }

 private:
  void List(const CommandList& list, const Context& ctx, VariableScope& scope) {
    Connector previous = Connector::kEnd;
    for (const Pipeline& pipeline : list.pipelines) {
      Context inner = ctx;
      if (previous == Connector::kOr) inner.conditional = true;
      if (pipeline.next == Connector::kBackground) {
        inner.background = true;
        inner.shell_id = NewShell(ctx.shell_id);
      }
      for (size_t i = 0; i < pipeline.commands.size(); ++i) {
        Connector connector = i + 1 < pipeline.commands.size() ? Connector::kPipe : pipeline.next;
        Context element = inner;
        // Each command of a pipeline runs in a subshell (dash, and bash without lastpipe).
        if (pipeline.commands.size() > 1) element.shell_id = NewShell(inner.shell_id);
        Command(pipeline.commands[i], element, connector, scope);
      }
      previous = pipeline.next;
    }
  }

  size_t NewShell(size_t parent) {
    out_.shell_parents.push_back(parent);
    return out_.shell_parents.size() - 1;
  }

  void Command(const AstCommand& command, const Context& ctx, Connector connector, VariableScope& scope) {
    switch (command.kind) {
      case CommandKind::kSimple:
        Simple(command, ctx, connector, scope);
        return;
      case CommandKind::kSubshell: {
        VariableScope inner_scope = VariableScope::Child(scope);  // assignments inside a subshell do not leak out
        Context inner = ctx;
        inner.in_subshell = true;
        inner.shell_id = NewShell(ctx.shell_id);
        for (const auto& body : command.bodies) List(body, inner, inner_scope);
        return;
      }
      case CommandKind::kFor:
        if (!command.words.empty()) Assign(scope, std::string(TokenAt(command.words[0]).text), std::nullopt, false);
        [[fallthrough]];
      default:
        break;
    }
    // Group, if, loops, case, function: bodies in order; all but a leading condition may not run.
    for (size_t i = 0; i < command.bodies.size(); ++i) {
      Context inner = ctx;
      bool first_runs = command.kind == CommandKind::kGroup || command.kind == CommandKind::kIf ||
                        command.kind == CommandKind::kWhile || command.kind == CommandKind::kUntil;
      if (!(i == 0 && first_runs)) inner.conditional = true;
      if (command.body_is_condition[i]) inner.in_condition = true;
      List(command.bodies[i], inner, scope);
    }
  }

  const shell::Token& TokenAt(size_t index) const { return ast_->tokens[index]; }

  void Simple(const AstCommand& node, const Context& ctx, Connector connector, VariableScope& scope) {
    ShellCommand command;
    command.begin = ctx.map.Begin(node.begin);
    command.end = ctx.map.End(node.end);
    command.depth = ctx.depth;
    command.connector = connector;
    command.in_condition = ctx.in_condition;
    command.conditional = ctx.conditional;
    command.in_subshell = ctx.in_subshell;
    command.background = ctx.background;
    command.shell_id = ctx.shell_id;
    auto lookup = scope.Lookup();
    assignment_known_.clear();
    raw_heredocs_.clear();
    bool in_prefix = true;
    for (size_t index : node.words) {
      const shell::Token& token = TokenAt(index);
      if (in_prefix && IsAssignmentWord(token.text)) {
        size_t eq = token.text.find('=');
        bool known = true;
        std::string value = JoinFields(ExpandShellWord(token.text.substr(eq + 1), 0, lookup), &known);
        command.assignments.emplace_back(std::string(token.text.substr(0, eq)), std::move(value));
        assignment_known_.push_back(known);
        continue;
      }
      in_prefix = false;
      for (Word& field : ExpandShellWord(token.text, token.begin, lookup)) {
        field.begin = ctx.map.Begin(field.begin);
        field.end = ctx.map.End(field.end);
        command.argv.push_back(std::move(field));
      }
    }
    for (const Redirect& redirect : node.redirects) {
      Redirection out;
      out.op = std::string(redirect.op);
      out.io_number = redirect.io_number;
      bool known = true;
      out.target = redirect.op.substr(0, 2) == "<<"
                       ? UnquoteShellWord(redirect.target)
                       : JoinFields(ExpandShellWord(redirect.target, 0, lookup), &known);
      out.heredoc_begin = ctx.map.Begin(redirect.heredoc_begin);
      out.heredoc_end = ctx.map.End(redirect.heredoc_end);
      command.redirects.push_back(std::move(out));
      raw_heredocs_.emplace_back(redirect.op, redirect.heredoc_begin, redirect.heredoc_end);
    }
    Context inner = ctx;
    current_text_ = ctx.text;
    Dispatch(std::move(command), inner, scope);
  }

  // Returns true when a wrapper was removed (the command then runs in another process, so
  // export/set/cd/assignments there do not change this shell).
  bool PeelWrappers(ShellCommand& command) {
    bool wrapped = false;
    for (int guard = 0; guard < 16 && !command.argv.empty(); ++guard) {
      auto peeled = PeelWrapper(command.name(), command.args());
      if (!peeled) break;
      wrapped = true;
      command.wrappers.push_back(command.name());
      for (auto& assignment : peeled->assignments) {
        command.assignments.push_back(std::move(assignment));
        assignment_known_.push_back(true);
      }
      if (peeled->args_from_stdin) command.args_from_stdin = true;
      command.argv.erase(command.argv.begin(),
                         command.argv.begin() + static_cast<std::ptrdiff_t>(peeled->command_index));
    }
    return wrapped;
  }

  void Assign(VariableScope& scope, const std::string& name, std::optional<std::string> value, bool exported) {
    scope.Set(name, value);
    out_.variables.push_back(VariableAssignment{name, std::move(value), exported, out_.commands.size()});
  }

  // Builtins of this shell that change what later commands see.
  void Builtin(const ShellCommand& command, const Context& ctx, VariableScope& scope) {
    const std::string name = command.name();
    if (name == "export" || name == "readonly" || name == "declare" || name == "typeset" || name == "local") {
      for (size_t i = 1; i < command.argv.size(); ++i) {
        const Word& word = command.argv[i];
        size_t eq = word.value.find('=');
        bool exported = name == "export";
        if (eq == std::string::npos) {
          // export X: marks it exported with the value it has
          if (exported && IsShellName(word.value)) Assign(scope, word.value, scope.Find(word.value), true);
          continue;
        }
        if (!IsShellName(word.value.substr(0, eq))) continue;
        Assign(scope, word.value.substr(0, eq),
               word.known() ? std::optional<std::string>(word.value.substr(eq + 1)) : std::nullopt, exported);
      }
    } else if (name == "unset") {
      for (size_t i = 1; i < command.argv.size(); ++i) {
        if (IsShellName(command.argv[i].value)) Assign(scope, command.argv[i].value, std::string(), false);
      }
    } else if (name == "read") {
      for (size_t i = 1; i < command.argv.size(); ++i) {
        if (IsShellName(command.argv[i].value)) Assign(scope, command.argv[i].value, std::nullopt, false);
      }
    } else if (name == "set" && ctx.depth == 0 && !ctx.in_subshell) {
      ApplySet(command.args(), out_.options);
    }
  }

  static void ApplySet(const std::vector<std::string>& args, ShellOptions& options) {
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg == "--" || arg == "-" || arg.size() < 2 || (arg[0] != '-' && arg[0] != '+')) break;
      bool on = arg[0] == '-';
      for (size_t k = 1; k < arg.size(); ++k) {
        switch (arg[k]) {
          case 'e': options.errexit = on; break;
          case 'u': options.nounset = on; break;
          case 'x': options.xtrace = on; break;
          case 'o':
            if (i + 1 < args.size()) {
              const std::string& option = args[++i];
              if (option == "pipefail") options.pipefail = on;
              if (option == "errexit") options.errexit = on;
              if (option == "nounset") options.nounset = on;
              if (option == "xtrace") options.xtrace = on;
            }
            break;
          default: break;
        }
      }
    }
  }

  // sh -c 'script' / bash -c "script" / sh <<EOF: parse the script one level deeper.
  void NestedShell(size_t index, const Context& ctx, VariableScope& scope) {
    if (ctx.depth >= kMaxShellCDepth) return;
    const ShellCommand command = out_.commands[index];
    auto nested = FindShellScript(command.name(), command.args());
    if (!nested) return;
    VariableScope inner_scope = VariableScope::Child(scope);
    for (const auto& [name, value] : command.assignments) inner_scope.Set(name, value);
    Context inner = ctx;
    inner.depth = ctx.depth + 1;
    inner.shell_id = NewShell(ctx.shell_id);
    if (nested->script_index) {
      const Word& word = command.argv[*nested->script_index];
      const std::string& raw = word.raw;
      bool exact = false;
      size_t content_begin = 0;
      if (raw.size() >= 2 && (raw.front() == '\'' || raw.front() == '"') && raw.back() == raw.front() &&
          raw.substr(1, raw.size() - 2) == word.value) {
        exact = true;
        content_begin = 1;
      } else if (raw == word.value) {
        exact = true;
      }
      // word.begin is already mapped to the RUN text; map from there.
      inner.map = exact && ctx.map.exact ? OffsetMap{true, word.begin + content_begin, 0, 0}
                                         : OffsetMap{false, 0, word.begin, word.end};
      ParseNested(word.value, inner, inner_scope);
      return;
    }
    // sh <<EOF: the body is the script (offsets in the text being parsed, not yet mapped).
    const auto heredocs = raw_heredocs_;  // parsing the body reuses the member
    for (const auto& [op, body_begin, body_end] : heredocs) {
      if (op.substr(0, 2) != "<<" || body_end < body_begin || body_end > current_text_.size()) continue;
      std::string body(current_text_.substr(body_begin, body_end - body_begin));
      inner.map = ctx.map.exact ? OffsetMap{true, ctx.map.base + body_begin, 0, 0} : ctx.map;
      ParseNested(body, inner, inner_scope);
      return;
    }
  }

  void ParseNested(const std::string& script, Context ctx, VariableScope& scope) {
    auto ast = ParseShell(script);
    if (!ast) return;  // best effort: the outer command is still reported
    ctx.text = script;
    std::string_view saved_text = current_text_;
    Script(*ast, ctx, scope);
    current_text_ = saved_text;
  }

  ShellScript& out_;
  const ShellAst* ast_ = nullptr;
  std::string_view current_text_;
  std::vector<bool> assignment_known_;  // per assignment of the command being dispatched
  // Its here-documents as (operator, begin, end) in the text being parsed.
  std::vector<std::tuple<std::string_view, size_t, size_t>> raw_heredocs_;
};

}  // namespace

Expected<ShellScript> ParseRunScript(std::string_view text, const Environment& env) {
  auto ast = ParseShell(text);
  if (!ast) return ast.error();
  ShellScript script;
  VariableMap variables = IndexEnvironment(env);
  size_t budget = kMaxRunExpandedBytes;
  VariableScope scope(variables, budget);
  Context ctx;
  ctx.text = text;
  Flattener(script).Script(*ast, ctx, scope);
  return script;
}

ShellScript ParseExecForm(const std::vector<std::string>& argv, const Environment& env) {
  ShellScript script;
  if (argv.empty()) return script;
  ShellCommand command;
  for (const std::string& arg : argv) {
    Word word;
    word.value = arg;
    word.raw = arg;
    command.argv.push_back(std::move(word));
  }
  VariableMap variables = IndexEnvironment(env);
  size_t budget = kMaxRunExpandedBytes;
  VariableScope scope(variables, budget);
  Context ctx;
  ctx.map = OffsetMap{false, 0, 0, 0};
  Flattener(script).Dispatch(std::move(command), ctx, scope);
  return script;
}

}  // namespace slimage::shell
