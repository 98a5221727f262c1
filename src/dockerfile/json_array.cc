#include "dockerfile/json_array.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "dockerfile/go_text.h"

namespace slimage::dockerfile {
namespace {

constexpr int kMaxDepth = 10000;  // Go's encoding/json nesting limit

class JsonScanner {
 public:
  explicit JsonScanner(std::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  bool Consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  // A string starting at '"'; decodes into *out when out is not null.
  bool String(std::string* out) {
    if (!Consume('"')) return false;
    while (pos_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++pos_ >= text_.size()) return false;
        char e = text_[pos_++];
        char decoded = 0;
        switch (e) {
          case '"': decoded = '"'; break;
          case '\\': decoded = '\\'; break;
          case '/': decoded = '/'; break;
          case 'b': decoded = '\b'; break;
          case 'f': decoded = '\f'; break;
          case 'n': decoded = '\n'; break;
          case 'r': decoded = '\r'; break;
          case 't': decoded = '\t'; break;
          case 'u': {
            long unit = Hex4(pos_);
            if (unit < 0) return false;
            pos_ += 4;
            char32_t rune = static_cast<char32_t>(unit);
            if (rune >= 0xD800 && rune < 0xE000) {
              long low = pos_ + 6 <= text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u' ? Hex4(pos_ + 2) : -1;
              if (rune < 0xDC00 && low >= 0xDC00 && low < 0xE000) {
                rune = 0x10000 + ((rune - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
                pos_ += 6;
              } else {
                rune = go::kRuneError;
              }
            }
            if (out) go::AppendRune(*out, rune);
            continue;
          }
          default:
            return false;
        }
        if (out) out->push_back(decoded);
        continue;
      }
      if (c < 0x80) {
        if (out) out->push_back(static_cast<char>(c));
        ++pos_;
        continue;
      }
      go::DecodedRune rune = go::DecodeRune(text_, pos_);
      if (out) go::AppendDecoded(*out, text_, rune, pos_);
      pos_ += rune.width;
    }
    return false;
  }

  bool Number() {
    size_t start = pos_;
    Consume('-');
    if (Consume('0')) {
    } else if (!AtEnd() && Peek() >= '1' && Peek() <= '9') {
      Digits();
    } else {
      return false;
    }
    if (Consume('.') && !Digits()) return false;
    if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
      ++pos_;
      if (!Consume('+')) Consume('-');
      if (!Digits()) return false;
    }
    // Decoding into interface{} parses a float64; an overflow is an error, like bad syntax.
    std::string number(text_.substr(start, pos_ - start));
    errno = 0;
    double value = std::strtod(number.c_str(), nullptr);
    return !(errno == ERANGE && std::isinf(value));
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // Any value, iteratively (no recursion on hostile nesting).
  bool Value() {
    std::string stack;  // '[' or '{' per open container
    for (;;) {
      SkipSpace();
      if (AtEnd()) return false;
      char c = Peek();
      bool scalar_done = true;
      if (c == '[' || c == '{') {
        if (stack.size() >= kMaxDepth) return false;
        ++pos_;
        stack.push_back(c);
        SkipSpace();
        if (Consume(c == '[' ? ']' : '}')) {
          stack.pop_back();
        } else if (c == '{') {
          if (!ObjectKey()) return false;
          continue;
        } else {
          continue;
        }
      } else if (c == '"') {
        if (!String(nullptr)) return false;
      } else if (c == 't') {
        if (!Literal("true")) return false;
      } else if (c == 'f') {
        if (!Literal("false")) return false;
      } else if (c == 'n') {
        if (!Literal("null")) return false;
      } else {
        if (!Number()) return false;
      }
      // After a complete value: close containers or expect the next element.
      while (scalar_done) {
        if (stack.empty()) return true;
        SkipSpace();
        char close = stack.back() == '[' ? ']' : '}';
        if (Consume(close)) {
          stack.pop_back();
          continue;
        }
        if (!Consume(',')) return false;
        if (stack.back() == '{') {
          SkipSpace();
          if (!ObjectKey()) return false;
        }
        break;
      }
    }
  }

 private:
  bool ObjectKey() {
    if (!String(nullptr)) return false;
    SkipSpace();
    return Consume(':');
  }
  bool Digits() {
    size_t start = pos_;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') ++pos_;
    return pos_ > start;
  }
  long Hex4(size_t at) const {
    if (at + 4 > text_.size()) return -1;
    long value = 0;
    for (size_t i = at; i < at + 4; ++i) {
      char c = text_[i];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) return -1;
      value = value * 16 + digit;
    }
    return value;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

JsonArrayKind ParseJsonStringArray(std::string_view text, std::vector<std::string>* elements) {
  elements->clear();
  // First pass: Go validates the whole document before decoding anything.
  JsonScanner validator(text);
  if (validator.AtEnd() || validator.Peek() != '[' || !validator.Value()) return JsonArrayKind::kNotJson;
  validator.SkipSpace();
  if (!validator.AtEnd()) return JsonArrayKind::kNotJson;

  JsonScanner scanner(text);
  scanner.Consume('[');
  scanner.SkipSpace();
  if (scanner.Consume(']')) return JsonArrayKind::kStrings;
  for (;;) {
    scanner.SkipSpace();
    if (scanner.Peek() != '"') return JsonArrayKind::kNotStrings;
    std::string element;
    scanner.String(&element);
    elements->push_back(std::move(element));
    scanner.SkipSpace();
    if (scanner.Consume(']')) return JsonArrayKind::kStrings;
    scanner.Consume(',');
  }
}

}  // namespace slimage::dockerfile
