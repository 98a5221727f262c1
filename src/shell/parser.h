// The POSIX shell grammar for RUN text, as an AST: lists of pipelines joined by connectors,
// pipelines of commands, and compound commands (subshell, { group; }, if, for, while/until,
// case, function definitions) holding further lists. Words keep their source text; expansion
// happens later (shell/command_list.h) when the variables in scope are known.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "shell/lexer.h"
#include "util/expected.h"

namespace slimage::shell {

// What joins a pipeline to the next one in a list.
enum class Connector { kEnd, kAnd, kOr, kSequence /* ; or newline */, kBackground, kPipe };

struct Redirect {
  std::string_view op;      // ">", ">>", "<", "<<", "2>&1" is op ">&" with io_number 2
  int io_number = -1;
  std::string_view target;  // raw word (the delimiter for <<)
  size_t target_begin = 0;
  size_t heredoc_begin = 0;  // here-document body, when op is << or <<-
  size_t heredoc_end = 0;
};

struct CommandList;

enum class CommandKind { kSimple, kSubshell, kGroup, kIf, kFor, kWhile, kUntil, kCase, kFunction };

struct AstCommand {
  CommandKind kind = CommandKind::kSimple;
  size_t begin = 0;
  size_t end = 0;
  // kSimple: the words (assignments first); kFor: the loop variable then the `in` words;
  // kCase: the subject; kFunction: the name.
  std::vector<size_t> words;  // indexes into ShellAst::tokens
  std::vector<Redirect> redirects;
  // Bodies in source order. kIf: condition, then-body, [elif-condition, elif-body]..., [else];
  // kWhile/kUntil: condition, body; kFor/kGroup/kSubshell/kFunction: body; kCase: one per item.
  std::vector<CommandList> bodies;
  // Which bodies are conditions (their exit status is tested, so errexit does not apply).
  std::vector<bool> body_is_condition;
};

struct Pipeline {
  std::vector<AstCommand> commands;
  bool negated = false;  // ! pipeline
  Connector next = Connector::kEnd;
};

struct CommandList {
  std::vector<Pipeline> pipelines;
};

struct ShellAst {
  std::vector<Token> tokens;  // AstCommand::words index these
  CommandList root;
};

inline constexpr int kMaxShellNesting = 64;

// Parses `text` (which must outlive the result: tokens view into it). Errors name the offset.
Expected<ShellAst> ParseShell(std::string_view text);

}  // namespace slimage::shell
