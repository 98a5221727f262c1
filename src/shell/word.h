// One shell word of RUN text after expansion, as /bin/sh would see it: quotes removed, variables
// substituted where the analysis knows their value. A variable whose value is not known (not in
// the stage's ARG/ENV, assigned from a command substitution, ...) is NOT dropped: its text
// ("$PKGS", "${X:-y}", "$(cat f)") stays in the value and its name is listed in unknown_variables.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::shell {

struct Word {
  std::string value;                           // expanded text (one field after splitting)
  std::string raw;                             // source text of the whole shell word (first field only)
  size_t begin = 0;                            // byte offsets of the source word in the text
  size_t end = 0;                              // that was analysed (end is one past)
  std::vector<std::string> unknown_variables;  // referenced, value unknown; kept as text (first 16)
  bool has_command_substitution = false;       // $(...), `...` or $((...)): value unknown
  bool quoted = false;                         // some part was quoted or escaped

  // True when the value is exactly what the shell would see.
  bool known() const { return unknown_variables.empty() && !has_command_substitution; }
};

// A variable's value as far as the analysis knows; std::nullopt means unknown.
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Expands one shell word (raw source text, as the lexer cut it) into fields. Unquoted
// expansions with a known value are split on blanks, as the shell's field splitting does; a
// word that expands to nothing unquoted gives no field. Never fails: malformed text is kept.
std::vector<Word> ExpandShellWord(std::string_view raw, size_t begin, const VariableLookup& lookup);

// The quote-removed text of a word without expanding anything (for heredoc delimiters,
// reserved words and assignment names).
std::string UnquoteShellWord(std::string_view raw);

// True for NAME in NAME=value at the start of a word (an assignment when it precedes the command).
bool IsAssignmentWord(std::string_view raw);
bool IsShellName(std::string_view text);

}  // namespace slimage::shell
