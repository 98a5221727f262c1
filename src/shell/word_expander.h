// Word expansion as BuildKit does it for FROM, COPY, ADD, ENV, ARG, WORKDIR, USER, EXPOSE,
// LABEL, STOPSIGNAL and VOLUME (frontend/dockerfile/shell/lex.go: ProcessWord/ProcessWords):
// $VAR, ${VAR}, ${VAR:-x}, ${VAR-x}, ${VAR:+x}, ${VAR+x}, ${VAR:?msg}, ${VAR?msg}, quotes and
// the escape character. RUN text is not expanded here (the shell does that at build time).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/expected.h"

namespace slimage::shell {

// Variables in scope, in declaration order; a later entry with the same name wins.
class Environment {
 public:
  void Set(std::string name, std::string value);
  std::optional<std::string_view> Find(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// What an expansion touched, for rules that care (e.g. a FROM whose image is only a variable).
struct ExpansionInfo {
  std::vector<std::string> unset_variables;  // referenced but not in the environment
};

// Expands one word: quotes removed, variables substituted, no splitting.
// Errors (unterminated quote, bad substitution, ${X:?msg}) come back as Error, without a
// file name: the caller adds file:line.
Expected<std::string> ExpandWord(std::string_view word, const Environment& env, char escape = '\\',
                                 ExpansionInfo* info = nullptr);

// Splits a line into words on unquoted white space, expanding each (an unquoted variable's
// value is split too, as BuildKit does).
Expected<std::vector<std::string>> ExpandWords(std::string_view line, const Environment& env,
                                               char escape = '\\', ExpansionInfo* info = nullptr);

}  // namespace slimage::shell
