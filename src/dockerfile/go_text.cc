#include "dockerfile/go_text.h"

namespace slimage::dockerfile::go {
namespace {

bool InRange(unsigned char b, unsigned char lo, unsigned char hi) { return b >= lo && b <= hi; }

// Go's unicode.IsPrint is true for letters, marks, numbers, punctuation, symbols and U+0020.
// Without Unicode tables we treat every assigned-looking code point as printable except the
// classes Go escapes in practice: controls, spaces other than U+0020, format characters,
// private use and non-characters.
bool IsPrint(char32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r < 0x7F) return true;
  if (r <= 0x9F || r == 0xA0 || r == 0xAD) return false;
  if (r == 0x1680 || (r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F)) return false;
  if ((r >= 0x205F && r <= 0x206F) || r == 0x3000 || r == 0xFEFF) return false;
  if (r >= 0x0600 && r <= 0x0605) return false;
  if (r == 0x061C || r == 0x06DD || r == 0x070F || r == 0x180E) return false;
  if ((r >= 0xD800 && r <= 0xF8FF) || (r >= 0xFFF9 && r <= 0xFFFB)) return false;
  if ((r & 0xFFFE) == 0xFFFE || (r >= 0xFDD0 && r <= 0xFDEF)) return false;
  if (r >= 0xE0000) return false;  // tags, variation selectors supplement excluded, private use
  return r <= 0x10FFFF;
}

}  // namespace

DecodedRune DecodeRune(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  size_t n = text.size() - pos;
  unsigned char b0 = s[0];
  if (b0 < 0x80) return {b0, 1, true};
  auto cont = [&](size_t i) { return i < n && InRange(s[i], 0x80, 0xBF); };
  if (InRange(b0, 0xC2, 0xDF)) {
    if (cont(1)) return {static_cast<char32_t>(((b0 & 0x1Fu) << 6) | (s[1] & 0x3Fu)), 2, true};
    return {};
  }
  if (InRange(b0, 0xE0, 0xEF)) {
    unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;
    unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;
    if (n >= 3 && InRange(s[1], lo, hi) && cont(2)) {
      return {static_cast<char32_t>(((b0 & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu)), 3, true};
    }
    return {};
  }
  if (InRange(b0, 0xF0, 0xF4)) {
    unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (n >= 4 && InRange(s[1], lo, hi) && cont(2) && cont(3)) {
      return {static_cast<char32_t>(((b0 & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
                                    (s[3] & 0x3Fu)),
              4, true};
    }
    return {};
  }
  return {};
}

DecodedRune DecodeLastRune(std::string_view text, size_t end) {
  auto byte_at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  size_t start = end - 1;
  if (byte_at(start) < 0x80) return {byte_at(start), 1, true};
  size_t limit = end >= 4 ? end - 4 : 0;
  while (start > limit && (byte_at(start) & 0xC0) == 0x80) --start;
  DecodedRune rune = DecodeRune(text.substr(0, end), start);
  if (start + rune.width != end) return {};
  return rune;
}

void AppendRune(std::string& out, char32_t r) {
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

void AppendDecoded(std::string& out, std::string_view text, const DecodedRune& rune, size_t pos) {
  if (rune.valid) {
    out.append(text.substr(pos, rune.width));
  } else {
    AppendRune(out, kRuneError);
  }
}

bool IsSpace(char32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

bool IsAsciiFieldSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

std::string_view TrimLeftSpace(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    DecodedRune rune = DecodeRune(text, pos);
    if (!rune.valid || !IsSpace(rune.value)) break;
    pos += rune.width;
  }
  return text.substr(pos);
}

std::string_view TrimRightSpace(std::string_view text) {
  size_t end = text.size();
  while (end > 0) {
    DecodedRune rune = DecodeLastRune(text, end);
    if (!rune.valid || !IsSpace(rune.value)) break;
    end -= rune.width;
  }
  return text.substr(0, end);
}

std::string ToLower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (char c : text) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return out;
  }
  for (size_t pos = 0; pos < text.size();) {  // strings.Map: bad bytes become U+FFFD
    DecodedRune rune = DecodeRune(text, pos);
    char32_t r = rune.value;
    if ((r >= 'A' && r <= 'Z') || (r >= 0xC0 && r <= 0xDE && r != 0xD7)) r += 0x20;
    AppendRune(out, r);
    pos += rune.width;
  }
  return out;
}

void AppendQuoted(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (size_t pos = 0; pos < text.size();) {
    DecodedRune rune = DecodeRune(text, pos);
    unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (!rune.valid) {
      out += "\\x";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xF]);
      pos += 1;
      continue;
    }
    char32_t r = rune.value;
    if (r == '"' || r == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(r));
    } else if (IsPrint(r)) {
      out.append(text.substr(pos, rune.width));
    } else {
      switch (r) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (r < 0x20 || r == 0x7F) {
            out += "\\x";
            out.push_back(kHex[r >> 4]);
            out.push_back(kHex[r & 0xF]);
          } else if (r < 0x10000) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(r >> shift) & 0xF]);
          } else {
            out += "\\U";
            for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(r >> shift) & 0xF]);
          }
      }
    }
    pos += rune.width;
  }
  out.push_back('"');
}

}  // namespace slimage::dockerfile::go
