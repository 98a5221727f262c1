#include "net/www_authenticate.h"
#include "util/text.h"

#include <cctype>

namespace slimage::net {
namespace {

bool TokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  void SkipSpaceAndCommas() {
    while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == ',')) ++pos_;
  }
  std::string Token() {
    size_t start = pos_;
    while (!AtEnd() && TokenChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // After the opening quote: up to the closing one, with \x escapes undone.
  std::string Quoted() {
    std::string value;
    while (!AtEnd() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      value += text_[pos_++];
    }
    if (!AtEnd()) ++pos_;
    return value;
  }
  void Advance() { ++pos_; }
  size_t pos() const { return pos_; }
  void Seek(size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<AuthChallenge> ParseWwwAuthenticate(std::string_view header) {
  std::vector<AuthChallenge> challenges;
  Scanner scanner(header);
  while (!scanner.AtEnd()) {
    scanner.SkipSpaceAndCommas();
    std::string scheme = scanner.Token();
    if (scheme.empty()) {
      if (!scanner.AtEnd()) scanner.Advance();  // junk: skip a character and go on
      continue;
    }
    AuthChallenge challenge;
    challenge.scheme = ToLower(scheme);
    // Parameters: name=value pairs separated by commas, until a token not followed by '='
    // (the next challenge's scheme).
    bool token68_taken = false;
    for (;;) {
      scanner.SkipSpaceAndCommas();
      size_t mark = scanner.pos();
      std::string name = scanner.Token();
      scanner.SkipSpace();
      if (name.empty() || scanner.Peek() != '=') {
        scanner.Seek(mark);
        // token68 (`Basic abc==`) or the next scheme: a token68 is taken whole and ignored.
        if (!name.empty() && challenge.params.empty() && !token68_taken) {
          scanner.Token();
          while (scanner.Peek() == '=') scanner.Advance();
          scanner.SkipSpace();
          if (scanner.Peek() == ',' || scanner.AtEnd()) {
            token68_taken = true;
            continue;
          }
          scanner.Seek(mark);
        }
        break;
      }
      scanner.Advance();  // '='
      scanner.SkipSpace();
      std::string value;
      if (scanner.Peek() == '"') {
        scanner.Advance();
        value = scanner.Quoted();
      } else {
        value = scanner.Token();
      }
      if (challenge.params.size() < 64) challenge.params[ToLower(name)] = value;
    }
    if (challenges.size() < 16) challenges.push_back(std::move(challenge));
  }
  return challenges;
}

}  // namespace slimage::net
