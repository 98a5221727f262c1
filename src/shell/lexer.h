// Splits RUN text into POSIX shell tokens: words (with their quoting intact), operators,
// newlines and redirections; here-document bodies are attached to their `<<` token.
// Backslash-newline joins lines; comments are dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.h"

namespace slimage::shell {

enum class TokenKind {
  kWord,
  kNewline,
  kAndIf,      // &&
  kOrIf,       // ||
  kSemicolon,  // ;
  kDoubleSemicolon,  // ;;
  kPipe,       // | (and bash's |&)
  kAmpersand,  // &
  kLeftParen,
  kRightParen,
  kRedirect,   // < > >> << <<- <& >& <> >| (text holds the operator)
};

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string_view text;  // source text (a view into the lexed input)
  size_t begin = 0;
  size_t end = 0;
  int io_number = -1;     // 2 in 2>&1
  // For << and <<-: the here-document body (offsets into the input), filled at the newline.
  size_t heredoc_begin = 0;
  size_t heredoc_end = 0;
};

inline constexpr size_t kMaxShellTextBytes = 1 << 20;
inline constexpr size_t kMaxShellTokens = 200000;

// Errors: unterminated quotes or substitutions (with their offset), input too large.
Expected<std::vector<Token>> LexShell(std::string_view text);

}  // namespace slimage::shell
