// The typed view of one instruction, built from its AST node: kind, flags split into name and
// value, arguments (raw and, where BuildKit expands them, expanded), heredocs, and for RUN the
// command text with a map from its byte offsets back to file line:column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "shell/word_expander.h"

namespace slimage::dockerfile {

enum class InstructionKind {
  kFrom, kRun, kCmd, kEntrypoint, kShell, kCopy, kAdd, kEnv, kArg, kLabel, kExpose, kVolume,
  kWorkdir, kUser, kStopSignal, kHealthcheck, kOnbuild, kMaintainer, kUnknown,
};

InstructionKind KindFromName(std::string_view lower_case_name);
std::string_view KindName(InstructionKind kind);  // upper case, as written in docs: "RUN"

// `--mount=type=cache,target=/x` -> {"mount", "type=cache,target=/x"}; `--link` -> {"link", nullopt}.
struct Flag {
  std::string name;
  std::optional<std::string> value;
};

// A key/value pair of ENV, LABEL or ARG (ARG without a default has no value).
struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct Instruction {
  InstructionKind kind = InstructionKind::kUnknown;
  std::string name;            // lower case: "run"
  const Node* node = nullptr;  // the AST node; valid as long as the ParseResult lives
  SourcePosition position;     // of the instruction name
  int end_line = 0;            // last line, heredoc bodies included
  std::vector<Flag> flags;
  std::vector<std::string> args;           // as parsed (BuildKit's Next values)
  std::vector<std::string> expanded_args;  // after word expansion, for the kinds BuildKit expands
  bool expanded_unknown = false;           // expanded_args used a variable with no known value
  std::vector<KeyValue> pairs;             // ENV, LABEL, ARG: expanded keys and values
  bool json_form = false;                  // RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME in exec form
  // RUN/CMD/ENTRYPOINT/HEALTHCHECK in shell form: the command as written (continuations joined,
  // heredoc markers kept, bodies in node->heredocs); exec form: the arguments joined by spaces.
  std::string command;
  size_t command_offset = 0;  // where `command` starts in the node's argument text
  shell::Environment env;  // RUN/CMD/ENTRYPOINT/HEALTHCHECK: ARG/ENV values in scope before it
  std::vector<Instruction> trigger;  // ONBUILD: the wrapped instruction (one element)

  const Flag* FindFlag(std::string_view flag_name) const;
  const std::vector<Heredoc>& heredocs() const;
  // File position of byte `offset` of `command` (shell form); the instruction's position
  // for the exec form.
  SourcePosition CommandPosition(size_t offset) const;

  // The top-level node whose `original` holds this instruction (differs for ONBUILD triggers).
  const Node* line_node = nullptr;
};

}  // namespace slimage::dockerfile
