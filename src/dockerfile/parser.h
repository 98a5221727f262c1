// The Dockerfile parser: text in, BuildKit's syntax tree out (ast.h), with parser directives,
// line continuations, comments, heredocs and source positions. Equal to BuildKit's
// frontend/dockerfile/parser.Parse: same tree, same dump, same errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"

namespace slimage::dockerfile {

// `# syntax=…`, `# escape=…`, `# check=…` at the top of the file (names lower-cased).
struct Directive {
  std::string name;
  std::string value;
  int line = 0;
};

struct ParseWarning {
  std::string message;
  int line = 0;
};

// Why a Dockerfile does not parse, with BuildKit's message and our (1-based) position.
struct SyntaxError {
  std::string message;
  int line = 1;
  int column = 1;
  int end_line = 1;
};

struct ParseResult {
  Node root;  // value "", one child per instruction
  char escape_token = '\\';
  std::vector<Directive> directives;
  std::vector<ParseWarning> warnings;  // e.g. empty continuation lines
  std::optional<SyntaxError> error;    // set when the file does not parse; root is then partial

  bool ok() const { return !error.has_value(); }
};

// BuildKit's bufio.Scanner limit: a longer physical line is an error.
inline constexpr size_t kMaxLineBytes = 65535;

ParseResult Parse(std::string_view source);

}  // namespace slimage::dockerfile
