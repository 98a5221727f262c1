#include "shell/lexer.h"

#include "shell/scan.h"
#include "shell/word.h"

namespace slimage::shell {

namespace {

bool IsOperatorStart(char c) {
  return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>';
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Expected<std::vector<Token>> Run() {
    while (pos_ < text_.size()) {
      if (tokens_.size() > kMaxShellTokens) {
        return MakeError("shell text has more than {} tokens", kMaxShellTokens);
      }
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;  // line continuation between words
      } else if (c == '\\' && pos_ + 2 < text_.size() && text_[pos_ + 1] == '\r' && text_[pos_ + 2] == '\n') {
        pos_ += 3;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '\n') {
        Push(TokenKind::kNewline, pos_, pos_ + 1);
        ++pos_;
        ReadHeredocBodies();
      } else if (IsOperatorStart(c)) {
        Operator();
      } else {
        auto status = WordToken();
        if (!status) return status.error();
      }
    }
    ReadHeredocBodies();  // a body cut short by the end of the text
    return std::move(tokens_);
  }

 private:
  void Push(TokenKind kind, size_t begin, size_t end) {
    Token token;
    token.kind = kind;
    token.begin = begin;
    token.end = end;
    token.text = text_.substr(begin, end - begin);
    tokens_.push_back(token);
  }

  bool StartsWith(std::string_view op) const { return text_.substr(pos_, op.size()) == op; }

  void Operator() {
    static constexpr struct {
      std::string_view text;
      TokenKind kind;
    } kOperators[] = {
        {"&&", TokenKind::kAndIf},     {"||", TokenKind::kOrIf},      {";;", TokenKind::kDoubleSemicolon},
        {"|&", TokenKind::kPipe},      {"<<-", TokenKind::kRedirect}, {"<<", TokenKind::kRedirect},
        {">>", TokenKind::kRedirect},  {"<&", TokenKind::kRedirect},  {">&", TokenKind::kRedirect},
        {"<>", TokenKind::kRedirect},  {">|", TokenKind::kRedirect},  {"&>", TokenKind::kRedirect},
        {";", TokenKind::kSemicolon},  {"&", TokenKind::kAmpersand},  {"|", TokenKind::kPipe},
        {"(", TokenKind::kLeftParen},  {")", TokenKind::kRightParen}, {"<", TokenKind::kRedirect},
        {">", TokenKind::kRedirect},
    };
    for (const auto& op : kOperators) {
      if (!StartsWith(op.text)) continue;
      size_t begin = pos_;
      pos_ += op.text.size();
      if (op.kind == TokenKind::kRedirect) {
        int io_number = TakeIoNumber(begin);
        Push(op.kind, begin, pos_);
        tokens_.back().io_number = io_number;
        if (op.text == "<<" || op.text == "<<-") pending_heredocs_.push_back(tokens_.size() - 1);
      } else {
        Push(op.kind, begin, pos_);
      }
      return;
    }
  }

  // "2>" : a word of digits right before the operator is its file descriptor.
  int TakeIoNumber(size_t op_begin) {
    if (tokens_.empty()) return -1;
    Token& last = tokens_.back();
    if (last.kind != TokenKind::kWord || last.end != op_begin || last.text.size() > 2) return -1;
    for (char c : last.text) {
      if (c < '0' || c > '9') return -1;
    }
    int number = 0;
    for (char c : last.text) number = number * 10 + (c - '0');
    tokens_.pop_back();
    return number;
  }

  Status WordToken() {
    size_t begin = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || IsOperatorStart(c)) break;
      ScanResult scan{ScanStatus::kOk, pos_ + 1};
      if (c == '\\' && EndsWordAtContinuation()) break;
      if (c == '\\') {
        scan.end = pos_ + 2 <= text_.size() ? pos_ + 2 : text_.size();
      } else if (c == '\'') {
        scan = ScanSingleQuoted(text_, pos_);
      } else if (c == '"') {
        scan = ScanDoubleQuoted(text_, pos_);
      } else if (c == '`') {
        scan = ScanBackquoted(text_, pos_);
      } else if (c == '$' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '{' || text_[pos_ + 1] == '(')) {
        scan = ScanDollar(text_, pos_);
      }
      if (scan.status == ScanStatus::kTooDeep) {
        return MakeError("shell text nested more than {} levels deep at offset {}", kMaxScanDepth, pos_);
      }
      if (scan.status == ScanStatus::kUnterminated) return Unterminated(c, pos_);
      pos_ = scan.end;
    }
    Push(TokenKind::kWord, begin, pos_);
    return {};
  }

  // `fi\<newline>  && x`: a continuation followed by a blank or an operator ends the word
  // (so reserved words still match); otherwise the word goes on on the next line.
  bool EndsWordAtContinuation() const {
    size_t next = pos_ + 1;
    if (next < text_.size() && text_[next] == '\r') ++next;
    if (next >= text_.size() || text_[next] != '\n') return false;
    ++next;
    if (next >= text_.size()) return true;
    char after = text_[next];
    return after == ' ' || after == '\t' || after == '\n' || after == '\r' || IsOperatorStart(after);
  }

  static Error Unterminated(char c, size_t at) {
    switch (c) {
      case '\'': return MakeError("unterminated single quote at offset {}", at);
      case '"': return MakeError("unterminated double quote at offset {}", at);
      case '`': return MakeError("unterminated backquote at offset {}", at);
      default: return MakeError("unterminated ${{ or $( at offset {}", at);
    }
  }

  // After a newline: each pending << reads lines up to its delimiter.
  void ReadHeredocBodies() {
    for (size_t index : pending_heredocs_) {
      size_t body_begin = pos_;
      std::string delimiter;
      bool strip_tabs = tokens_[index].text == "<<-";
      if (index + 1 < tokens_.size() && tokens_[index + 1].kind == TokenKind::kWord) {
        delimiter = UnquoteShellWord(tokens_[index + 1].text);
      }
      size_t body_end = text_.size();
      while (pos_ < text_.size()) {
        size_t line_end = text_.find('\n', pos_);
        if (line_end == std::string_view::npos) line_end = text_.size();
        std::string_view line = text_.substr(pos_, line_end - pos_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (strip_tabs) {
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        }
        if (line == delimiter) {
          body_end = pos_;
          pos_ = line_end < text_.size() ? line_end + 1 : line_end;
          break;
        }
        pos_ = line_end < text_.size() ? line_end + 1 : line_end;
        body_end = pos_;
      }
      tokens_[index].heredoc_begin = body_begin;
      tokens_[index].heredoc_end = body_end;
    }
    pending_heredocs_.clear();
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
  std::vector<size_t> pending_heredocs_;
};

}  // namespace

Expected<std::vector<Token>> LexShell(std::string_view text) {
  if (text.size() > kMaxShellTextBytes) {
    return MakeError("shell text is {} bytes, more than the {} this analysis reads", text.size(),
                     kMaxShellTextBytes);
  }
  return Lexer(text).Run();
}

}  // namespace slimage::shell
