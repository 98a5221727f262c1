// Go's text primitives, reimplemented so that our parser splits, trims and quotes exactly as
// BuildKit (written in Go) does: UTF-8 decoding with U+FFFD for bad bytes, unicode.IsSpace,
// strings.TrimSpace, strings.ToLower and strconv.Quote (the format of BuildKit's AST dump).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace slimage::dockerfile::go {

inline constexpr char32_t kRuneError = 0xFFFD;

struct DecodedRune {
  char32_t value = kRuneError;
  size_t width = 1;     // bytes consumed; 1 for an invalid byte (as Go's utf8.DecodeRune)
  bool valid = false;   // false: an invalid byte, decoded as U+FFFD
};

// utf8.DecodeRuneInString(text[pos:]); pos must be < text.size().
DecodedRune DecodeRune(std::string_view text, size_t pos);
// utf8.DecodeLastRuneInString(text[:end]); end must be > 0.
DecodedRune DecodeLastRune(std::string_view text, size_t end);

void AppendRune(std::string& out, char32_t rune);
// Appends what Go's strings.Builder.WriteRune(DecodeRune(...)) appends: the original bytes
// of a valid rune, or U+FFFD for an invalid byte.
void AppendDecoded(std::string& out, std::string_view text, const DecodedRune& rune, size_t pos);

bool IsSpace(char32_t rune);  // unicode.IsSpace
// unicode.IsSpace(rune(b)) on a single byte, as BuildKit's byte loops do (0x85, 0xA0 count).
inline bool IsSpaceByte(unsigned char b) {
  return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}
bool IsAsciiFieldSpace(char c);  // the class [\t\v\f\r ] of BuildKit's reWhitespace

std::string_view TrimLeftSpace(std::string_view text);
std::string_view TrimRightSpace(std::string_view text);
inline std::string_view TrimSpace(std::string_view text) { return TrimRightSpace(TrimLeftSpace(text)); }

std::string ToLower(std::string_view text);  // ASCII and Latin-1 letters; bad bytes -> U+FFFD
void AppendQuoted(std::string& out, std::string_view text);  // strconv.Quote
inline std::string Quote(std::string_view text) {
  std::string out;
  AppendQuoted(out, text);
  return out;
}

}  // namespace slimage::dockerfile::go
