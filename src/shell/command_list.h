// RUN text flattened into the simple commands the shell would run, in source order, each with
// its argv expanded from the stage's variables and the ones assigned earlier in the same RUN.
// Wrappers (sudo, env, exec, xargs, nohup, time, command) are peeled off so argv starts at the
// real program; `sh -c '...'` / `bash -c "..."` and `sh <<EOF` bodies are parsed as nested
// scripts (depth + 1). Lint rules query this instead of re-parsing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shell/parser.h"
#include "shell/word.h"
#include "shell/word_expander.h"
#include "util/expected.h"

namespace slimage::shell {

struct Redirection {
  std::string op;          // ">", ">>", "<", "<<", ">&" ...
  int io_number = -1;      // 2 in 2>/dev/null
  std::string target;      // expanded target (the delimiter for <<)
  size_t heredoc_begin = 0;  // here-document body offsets, for << and <<-
  size_t heredoc_end = 0;
};

struct ShellCommand {
  std::vector<Word> argv;   // the program and its arguments, after assignments and wrappers
  std::vector<std::pair<std::string, std::string>> assignments;  // VAR=x before the command
  std::vector<std::string> wrappers;  // peeled off, outermost first: "sudo", "env", "xargs" ...
  std::vector<Redirection> redirects;
  size_t begin = 0;  // byte offsets into the text given to ParseRunScript
  size_t end = 0;
  int depth = 0;     // 0: the RUN text itself; 1: inside its sh -c '...' (and so on)
  Connector connector = Connector::kEnd;  // what joins it to the next command
  bool in_condition = false;   // in an if/while/until condition: its failure is tested
  bool conditional = false;    // may not run: in an if/elif/else or case branch, a loop or function body, or after ||
  bool in_subshell = false;    // inside ( ... ): its cd and variables do not reach later commands
  size_t shell_id = 0;         // the shell process that runs it: ShellScript::shell_parents
  bool background = false;     // ends with &
  bool args_from_stdin = false;  // run by xargs: more arguments come from stdin

  // The program's base name ("apt-get" for /usr/bin/apt-get); empty for a bare assignment.
  std::string name() const;
  // argv values as strings.
  std::vector<std::string> args() const;
};

// `set -e`, `set -o pipefail` ... as last set at the top level of the RUN.
struct ShellOptions {
  bool errexit = false;
  bool nounset = false;
  bool xtrace = false;
  bool pipefail = false;
};

// A variable the RUN itself sets: `X=1`, `export X=1`, `export X`, `unset X`, `read X`, `for X in`.
struct VariableAssignment {
  std::string name;
  std::optional<std::string> value;  // std::nullopt: unknown (command substitution, read, for)
  bool exported = false;             // export X=1 (visible to every later command's environment)
  size_t command_index = 0;          // the command that sets it (the next one for `for X in`)
};

struct ShellScript {
  std::vector<ShellCommand> commands;
  ShellOptions options;
  std::vector<VariableAssignment> variables;  // in source order (prefix VAR=x cmd is not here)
  // The shells that run the commands: 0 is the RUN's own; each subshell `( … )`, element of a
  // multi-command pipeline, background list and nested `sh -c` gets the next id, and
  // shell_parents[id] is the shell that started it (shell_parents[0] == 0).
  // What a command changes in its shell (`cd`) reaches the later commands of that shell and of
  // the shells started from it after, never its parent's.
  std::vector<size_t> shell_parents{0};

  // The last assignment of `name` made before the command at `command_index` (subshell
  // scoping is ignored), or nullptr.
  const VariableAssignment* LastAssignmentBefore(std::string_view name, size_t command_index) const;
};

// Shell form RUN text or a heredoc body. Errors: unbalanced quotes, syntax errors, too deep.
Expected<ShellScript> ParseRunScript(std::string_view text, const Environment& env);

// Exec form (JSON array): argv is taken as given, no expansion; ["sh", "-c", "..."] is
// parsed like shell form at depth 1.
ShellScript ParseExecForm(const std::vector<std::string>& argv, const Environment& env);

inline constexpr int kMaxShellCDepth = 3;

}  // namespace slimage::shell
