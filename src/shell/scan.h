// Low-level scanning shared by the lexer and the word expander: where does a quoted string,
// a ${...}, $(...), $((...)) or `...` that starts at `pos` end? Iterative where possible and
// depth-capped where nesting recurses, so hostile input cannot exhaust the stack.
#pragma once

#include <cstddef>
#include <string_view>

namespace slimage::shell {

enum class ScanStatus { kOk, kUnterminated, kTooDeep };

struct ScanResult {
  ScanStatus status = ScanStatus::kOk;
  size_t end = 0;  // one past the construct when kOk
};

inline constexpr int kMaxScanDepth = 64;

// text[pos] == '\''
ScanResult ScanSingleQuoted(std::string_view text, size_t pos);
// text[pos] == '"'
ScanResult ScanDoubleQuoted(std::string_view text, size_t pos, int depth = 0);
// text[pos] == '`'
ScanResult ScanBackquoted(std::string_view text, size_t pos);
// text[pos] == '$' and text[pos + 1] is '{' or '('
ScanResult ScanDollar(std::string_view text, size_t pos, int depth = 0);

}  // namespace slimage::shell
