#include "shell/word_expander.h"

#include <algorithm>
#include <unordered_set>

namespace slimage::shell {

void Environment::Set(std::string name, std::string value) {
  entries_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Environment::Find(std::string_view name) const {
  // The newest declaration wins, so search from the back.
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->first == name) return std::string_view(it->second);
  }
  return std::nullopt;
}

namespace {

// Values substituted per call: $X$X$X... with a large X must not exhaust memory.
constexpr size_t kMaxExpandedBytes = 16u << 20;

// ${a:-${b:-${c:-...}}} recurses once per level: cap it so hostile input cannot exhaust the stack.
constexpr int kMaxSubstitutionDepth = 64;

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
// Special parameters ($@, $#, ...) never have a value in a Dockerfile.
bool IsSpecialParameter(char c) {
  return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' || c == '$' || c == '!';
}

// Collects words as BuildKit does: unquoted blanks end a word, quoted or escaped characters
// never do, and an unquoted variable's value is split like unquoted text.
class WordCollector {
 public:
  void AddUnquoted(char c) {
    if (IsBlank(c)) {
      Flush();
    } else {
      current_ += c;
      in_word_ = true;
    }
  }
  void AddQuoted(std::string_view text) {
    current_ += text;
    in_word_ = true;  // even "" makes a (possibly empty) word
  }
  void AddQuoted(char c) { AddQuoted(std::string_view(&c, 1)); }
  void AddSplit(std::string_view text) {
    for (char c : text) AddUnquoted(c);
  }
  std::vector<std::string> Finish() {
    Flush();
    return std::move(words_);
  }

 private:
  void Flush() {
    if (in_word_) words_.push_back(std::move(current_));
    current_.clear();
    in_word_ = false;
  }
  std::vector<std::string> words_;
  std::string current_;
  bool in_word_ = false;
};

class Expander {
 public:
  Expander(std::string_view text, const Environment& env, char escape, ExpansionInfo* info)
      : text_(text), env_(env), escape_(escape), info_(info) {}

  // Expands up to the end of the text (stop == 0) or up to an unquoted `stop` character,
  // which is consumed. `words` (may be null) receives the split words.
  Expected<std::string> Run(char stop, WordCollector* words, int depth) {
    if (depth > kMaxSubstitutionDepth) {
      return MakeError("variable substitution nested more than {} levels deep",
                       kMaxSubstitutionDepth);
    }
    std::string result;
    while (!AtEnd()) {
      char c = Peek();
      if (stop != 0 && c == stop) {
        ++pos_;
        return result;
      }
      if (c == '\'') {
        auto quoted = SingleQuoted();
        if (!quoted) return quoted.error();
        result += *quoted;
        if (words) words->AddQuoted(*quoted);
      } else if (c == '"') {
        auto quoted = DoubleQuoted(depth);
        if (!quoted) return quoted.error();
        result += *quoted;
        if (words) words->AddQuoted(*quoted);
      } else if (c == '$') {
        auto value = Dollar(depth);
        if (!value) return value.error();
        result += *value;
        if (words) words->AddSplit(*value);
      } else if (c == escape_) {
        ++pos_;
        if (AtEnd()) break;  // a trailing escape character is dropped
        char escaped = text_[pos_++];
        result += escaped;
        if (words) words->AddQuoted(escaped);
      } else {
        ++pos_;
        result += c;
        if (words) words->AddUnquoted(c);
      }
    }
    if (stop != 0) {
      return MakeError("unexpected end of statement while looking for matching {}", stop);
    }
    return result;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  bool overflow() const { return overflow_; }

 private:
  char Peek() const { return text_[pos_]; }

  Expected<std::string> SingleQuoted() {
    ++pos_;  // opening quote
    size_t close = text_.find('\'', pos_);
    if (close == std::string_view::npos) {
      pos_ = text_.size();
      return MakeError("unexpected end of statement while looking for matching single-quote");
    }
    std::string content(text_.substr(pos_, close - pos_));
    pos_ = close + 1;
    return content;
  }

  Expected<std::string> DoubleQuoted(int depth) {
    ++pos_;  // opening quote
    std::string result;
    while (!AtEnd()) {
      char c = Peek();
      if (c == '"') {
        ++pos_;
        return result;
      }
      if (c == '$') {
        auto value = Dollar(depth);
        if (!value) return value.error();
        result += *value;
        continue;
      }
      ++pos_;
      if (c == escape_ && !AtEnd()) {
        // Inside double quotes the escape only protects ", $ and itself; elsewhere it is literal.
        char next = Peek();
        if (next == '"' || next == '$' || next == escape_) {
          result += next;
          ++pos_;
          continue;
        }
      }
      result += c;
    }
    return MakeError("unexpected end of statement while looking for matching double-quote");
  }

  // Reads a parameter name: a run of digits (positional), one special character, or an
  // identifier. Empty when none starts here.
  std::string_view Name() {
    size_t start = pos_;
    if (AtEnd()) return {};
    char first = Peek();
    if (IsDigit(first)) {
      while (!AtEnd() && IsDigit(Peek())) ++pos_;
    } else if (IsSpecialParameter(first)) {
      ++pos_;
    } else {
      while (!AtEnd() && IsNameChar(Peek())) ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  // Positional and special parameters are never set when building an image.
  static bool IsOrdinaryName(std::string_view name) {
    return !name.empty() && !IsDigit(name[0]) && !IsSpecialParameter(name[0]);
  }

  std::optional<std::string_view> Lookup(std::string_view name) {
    if (!IsOrdinaryName(name)) return std::nullopt;
    auto value = env_.Find(name);
    if (value) {
      produced_ += value->size();
      if (produced_ > kMaxExpandedBytes) {
        overflow_ = true;
        return std::string_view();
      }
    }
    return value;
  }

  void NoteUnset(std::string_view name) {
    if (info_ == nullptr || !IsOrdinaryName(name)) return;
    if (unset_seen_.empty()) unset_seen_.insert(info_->unset_variables.begin(), info_->unset_variables.end());
    if (unset_seen_.insert(std::string(name)).second) info_->unset_variables.emplace_back(name);
  }

  void ForgetUnsetSince(size_t size) {
    if (info_ == nullptr) return;
    auto& unset = info_->unset_variables;
    for (size_t i = size; i < unset.size(); ++i) unset_seen_.erase(unset[i]);
    unset.resize(std::min(size, unset.size()));
  }

  Expected<std::string> Dollar(int depth) {
    ++pos_;  // '$'
    if (AtEnd()) return std::string("$");
    if (Peek() != '{') {
      std::string_view name = Name();
      if (name.empty()) return std::string("$");  // "$." is just text
      auto value = Lookup(name);
      if (!value) {
        NoteUnset(name);
        return std::string();
      }
      return std::string(*value);
    }
    ++pos_;  // '{'
    std::string_view name = Name();
    if (name.empty()) {
      return MakeError("bad substitution: missing variable name after '${{'");
    }
    if (AtEnd()) {
      return MakeError("unexpected end of statement while looking for matching }}");
    }
    char c = Peek();
    if (c == '}') {
      ++pos_;
      auto value = Lookup(name);
      if (!value) {
        NoteUnset(name);
        return std::string();
      }
      return std::string(*value);
    }
    bool colon = false;
    if (c == ':') {
      colon = true;
      ++pos_;
      if (AtEnd()) {
        return MakeError("unexpected end of statement while looking for matching }}");
      }
      c = Peek();
    }
    if (c != '-' && c != '+' && c != '?') {
      return MakeError("bad substitution: unsupported modifier '{}{}' in ${{{}}}", colon ? ":" : "",
                       c, name);
    }
    ++pos_;
    // The word after the modifier is expanded whatever the variable holds, as BuildKit does.
    size_t unset_before = info_ ? info_->unset_variables.size() : 0;
    auto word = Run('}', nullptr, depth + 1);
    if (!word) return word.error();
    auto value = Lookup(name);
    // With a colon, set-but-empty counts as unset.
    bool usable = value.has_value() && (!colon || !value->empty());
    bool word_used = (c == '+') == usable;
    if (!word_used) ForgetUnsetSince(unset_before);  // ${SET:-$NOPE} does not use NOPE
    switch (c) {
      case '-':
        return usable ? std::string(*value) : *word;
      case '+':
        return usable ? *word : std::string();
      default:  // '?'
        if (usable) return std::string(*value);
        if (!word->empty()) return MakeError("{}: {}", name, *word);
        if (!value) return MakeError("{}: is not allowed to be unset", name);
        return MakeError("{}: is not allowed to be empty", name);
    }
  }

  std::string_view text_;
  const Environment& env_;
  char escape_;
  ExpansionInfo* info_;
  size_t pos_ = 0;
  size_t produced_ = 0;
  bool overflow_ = false;
  std::unordered_set<std::string> unset_seen_;
};

Error TooLarge() {
  return MakeError("variable expansion produces more than {} bytes", kMaxExpandedBytes);
}

}  // namespace

Expected<std::string> ExpandWord(std::string_view word, const Environment& env, char escape,
                                 ExpansionInfo* info) {
  Expander expander(word, env, escape, info);
  auto expanded = expander.Run(0, nullptr, 0);
  if (expander.overflow()) return TooLarge();
  return expanded;
}

Expected<std::vector<std::string>> ExpandWords(std::string_view line, const Environment& env,
                                               char escape, ExpansionInfo* info) {
  Expander expander(line, env, escape, info);
  WordCollector words;
  auto expanded = expander.Run(0, &words, 0);
  if (expander.overflow()) return TooLarge();
  if (!expanded) return expanded.error();
  return words.Finish();
}

}  // namespace slimage::shell
