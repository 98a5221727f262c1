#include "util/display_escape.h"

#include <fmt/format.h>

#include "util/utf8.h"

namespace slimage {
namespace {

bool IsBidiControl(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Bytes of the escape or character starting at escaped[pos] (EscapeForDisplay's output).
size_t EscapedUnitLength(std::string_view escaped, size_t pos) {
  if (escaped[pos] != '\\' || pos + 1 >= escaped.size()) return DecodeUtf8(escaped, pos).length;
  switch (escaped[pos + 1]) {
    case 'x': return 4;
    case 'u': return 6;
    case '\\':
    case 'n':
    case 't':
    case 'r': return 2;
    default: return 1;  // a backslash printed as itself
  }
}

bool IsKept(char32_t c, std::string_view keep) {
  return c < 0x80 && keep.find(static_cast<char>(c)) != std::string_view::npos;
}

// Whether `unit` is printed as an escape (or, for a backslash, may be): what follows a
// backslash that must then be doubled.
bool StartsWithBackslash(const Utf8Unit& unit, std::string_view keep) {
  if (!unit.valid || unit.code_point == '\\') return true;
  const char32_t c = unit.code_point;
  if (c < 0x20 || c == 0x7F) return !IsKept(c, keep);
  return (c >= 0x80 && c <= 0x9F) || IsBidiControl(c);
}

// x u n t r: a backslash before them would read as an escape.
bool IsEscapeLetter(const Utf8Unit& unit) {
  const char32_t c = unit.code_point;
  return unit.valid && (c == 'x' || c == 'u' || c == 'n' || c == 't' || c == 'r');
}

}  // namespace

std::string EscapeForDisplay(std::string_view text, std::string_view keep) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const Utf8Unit unit = DecodeUtf8(text, pos);
    const char32_t c = unit.code_point;
    if (!unit.valid) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[pos]));
    } else if (c == '\\') {
      // Doubled only where it would read as the start of an escape; a line continuation's
      // trailing backslash, `\$` or `\ ` stay as they are.
      bool doubled = false;
      if (pos + 1 < text.size()) {
        const Utf8Unit next = DecodeUtf8(text, pos + 1);
        doubled = StartsWithBackslash(next, keep) || IsEscapeLetter(next);
      }
      out += doubled ? "\\\\" : "\\";
    } else if (c < 0x20 || c == 0x7F) {
      if (IsKept(c, keep)) {
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\r') {
        out += "\\r";
      } else {
        out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
      }
    } else if ((c >= 0x80 && c <= 0x9F) || IsBidiControl(c)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out.append(text.substr(pos, unit.length));
    }
    pos += unit.length;
  }
  return out;
}

std::string ShortenForDisplay(std::string_view escaped, size_t width) {
  // An escape takes one column per byte (it is ASCII), a UTF-8 character one column.
  auto columns = [&](size_t pos, size_t length) { return escaped[pos] == '\\' ? length : 1; };
  size_t total = 0;
  for (size_t pos = 0, length = 0; pos < escaped.size(); pos += length) {
    length = EscapedUnitLength(escaped, pos);
    total += columns(pos, length);
  }
  if (total <= width) return std::string(escaped);
  const size_t room = width > 3 ? width - 3 : 0;
  size_t end = 0;
  for (size_t used = 0; end < escaped.size();) {
    const size_t length = EscapedUnitLength(escaped, end);
    if (used + columns(end, length) > room) break;
    used += columns(end, length);
    end += length;
  }
  return std::string(escaped.substr(0, end)) + "...";
}

}  // namespace slimage
