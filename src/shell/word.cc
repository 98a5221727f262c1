#include "shell/word.h"

#include <algorithm>
#include <unordered_set>

#include "shell/scan.h"

namespace slimage::shell {

namespace {

constexpr size_t kMaxUnknownNames = 16;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

// Builds the fields of one word. Literal and quoted text joins the current field; a known
// unquoted expansion is split on blanks.
class FieldBuilder {
 public:
  FieldBuilder(std::string_view raw, size_t begin) : raw_(raw), begin_(begin) {}

  void AddText(std::string_view text) {
    current_.value += text;
    has_content_ = true;
  }
  void MarkQuoted() {
    current_.quoted = true;
    has_content_ = true;  // "" is an empty field, not none
  }
  void AddSplit(std::string_view text) {
    for (char c : text) {
      if (IsBlank(c)) {
        Flush();
      } else {
        current_.value += c;
        has_content_ = true;
      }
    }
  }
  void NoteUnknown(std::string_view name) {
    // A few names are enough to say the word is not known; cap what each field copies.
    if (unknown_.size() >= kMaxUnknownNames) return;
    if (std::find(unknown_.begin(), unknown_.end(), name) == unknown_.end()) unknown_.emplace_back(name);
  }
  void NoteSubstitution() { substitution_ = true; }

  std::vector<Word> Finish() {
    Flush();
    for (size_t i = 0; i < fields_.size(); ++i) {
      Word& field = fields_[i];
      if (i == 0) field.raw = std::string(raw_);  // later fields of a split word share it
      field.begin = begin_;
      field.end = begin_ + raw_.size();
      field.unknown_variables = unknown_;
      field.has_command_substitution = substitution_;
    }
    return std::move(fields_);
  }

 private:
  void Flush() {
    if (has_content_) fields_.push_back(std::move(current_));
    current_ = Word{};
    has_content_ = false;
  }

  std::string_view raw_;
  size_t begin_;
  Word current_;
  bool has_content_ = false;
  std::vector<Word> fields_;
  std::vector<std::string> unknown_;
  bool substitution_ = false;
};

class WordExpansion {
 public:
  WordExpansion(std::string_view raw, size_t begin, const VariableLookup& lookup)
      : raw_(raw), lookup_(lookup), fields_(raw, begin) {}

  std::vector<Word> Run() {
    size_t i = 0;
    while (i < raw_.size()) {
      char c = raw_[i];
      if (c == '\\') {
        i = Backslash(i, /*in_double_quotes=*/false);
      } else if (c == '\'') {
        ScanResult end = ScanSingleQuoted(raw_, i);
        size_t content_end = end.status == ScanStatus::kOk ? end.end - 1 : raw_.size();
        fields_.MarkQuoted();
        fields_.AddText(raw_.substr(i + 1, content_end - i - 1));
        i = end.status == ScanStatus::kOk ? end.end : raw_.size();
      } else if (c == '"') {
        i = DoubleQuoted(i);
      } else if (c == '$' || c == '`') {
        Expansion expansion = Expand(i);
        if (expansion.known) {
          fields_.AddSplit(expansion.text);
        } else {
          fields_.AddText(expansion.text);
        }
        i = expansion.end;
      } else {
        fields_.AddText(raw_.substr(i, 1));
        ++i;
      }
    }
    return fields_.Finish();
  }

 private:
  struct Expansion {
    std::string text;  // the value, or the source text when unknown
    bool known = true;
    size_t end = 0;
  };

  size_t Backslash(size_t i, bool in_double_quotes) {
    if (i + 1 >= raw_.size()) {
      fields_.AddText("\\");
      return i + 1;
    }
    char next = raw_[i + 1];
    if (next == '\n') return i + 2;  // line continuation
    if (in_double_quotes && next != '$' && next != '`' && next != '"' && next != '\\') {
      fields_.AddText("\\");
      return i + 1;
    }
    fields_.MarkQuoted();
    fields_.AddText(raw_.substr(i + 1, 1));
    return i + 2;
  }

  size_t DoubleQuoted(size_t i) {
    fields_.MarkQuoted();
    ++i;
    while (i < raw_.size()) {
      char c = raw_[i];
      if (c == '"') return i + 1;
      if (c == '\\') {
        i = Backslash(i, /*in_double_quotes=*/true);
      } else if (c == '$' || c == '`') {
        Expansion expansion = Expand(i);
        fields_.AddText(expansion.text);  // no splitting inside quotes
        i = expansion.end;
      } else {
        fields_.AddText(raw_.substr(i, 1));
        ++i;
      }
    }
    return i;
  }

  Expansion Unknown(size_t start, size_t end) {
    return Expansion{std::string(raw_.substr(start, end - start)), false, end};
  }

  // raw_[i] is '$' or '`'.
  Expansion Expand(size_t i) {
    if (raw_[i] == '`') {
      ScanResult end = ScanBackquoted(raw_, i);
      fields_.NoteSubstitution();
      return Unknown(i, end.status == ScanStatus::kOk ? end.end : raw_.size());
    }
    if (i + 1 >= raw_.size()) return Expansion{"$", true, i + 1};
    char next = raw_[i + 1];
    if (next == '(') {
      ScanResult end = ScanDollar(raw_, i);
      fields_.NoteSubstitution();
      return Unknown(i, end.status == ScanStatus::kOk ? end.end : raw_.size());
    }
    if (next == '{') return Braced(i);
    if (IsNameStart(next)) {
      size_t end = i + 1;
      while (end < raw_.size() && IsNameChar(raw_[end])) ++end;
      std::string_view name = raw_.substr(i + 1, end - i - 1);
      auto value = lookup_ ? lookup_(name) : std::nullopt;
      if (!value) {
        fields_.NoteUnknown(name);
        return Unknown(i, end);
      }
      return Expansion{*value, true, end};
    }
    // Positional and special parameters ($1, $@, $?, $$ ...) are unknown to a static analysis.
    if ((next >= '0' && next <= '9') || std::string_view("@*#?-$!").find(next) != std::string_view::npos) {
      fields_.NoteUnknown(raw_.substr(i + 1, 1));
      return Unknown(i, i + 2);
    }
    return Expansion{"$", true, i + 1};
  }

  // ${NAME}, ${NAME:-word}, ${NAME-word}, ${NAME:+word}, ${NAME+word}, ${NAME:=word},
  // ${NAME:?word}; anything else (${#X}, ${X%y}, ${X/a/b} ...) is unknown.
  Expansion Braced(size_t i) {
    ScanResult scan = ScanDollar(raw_, i);
    size_t end = scan.status == ScanStatus::kOk ? scan.end : raw_.size();
    if (scan.status != ScanStatus::kOk) return Unknown(i, end);
    std::string_view inside = raw_.substr(i + 2, end - i - 3);
    size_t name_end = 0;
    while (name_end < inside.size() && IsNameChar(inside[name_end])) ++name_end;
    std::string_view name = inside.substr(0, name_end);
    if (name.empty() || !IsNameStart(name[0])) {
      if (!name.empty()) fields_.NoteUnknown(name);
      return Unknown(i, end);
    }
    auto value = lookup_ ? lookup_(name) : std::nullopt;
    std::string_view rest = inside.substr(name_end);
    if (rest.empty()) {
      if (!value) {
        fields_.NoteUnknown(name);
        return Unknown(i, end);
      }
      return Expansion{*value, true, end};
    }
    bool colon = rest[0] == ':';
    if (colon) rest.remove_prefix(1);
    if (rest.empty() || std::string_view("-+=?").find(rest[0]) == std::string_view::npos) {
      fields_.NoteUnknown(name);
      return Unknown(i, end);
    }
    char op = rest[0];
    std::string_view word_raw = rest.substr(1);
    if (!value) {
      // Unknown whether it is set: the whole expansion stays unknown.
      fields_.NoteUnknown(name);
      return Unknown(i, end);
    }
    bool usable = !colon || !value->empty();
    auto word_value = [&]() {
      std::string text;
      for (const Word& field : ExpandShellWord(word_raw, 0, lookup_)) {
        if (!text.empty()) text += ' ';
        text += field.value;
        for (const auto& unknown : field.unknown_variables) fields_.NoteUnknown(unknown);
        if (field.has_command_substitution) fields_.NoteSubstitution();
      }
      return text;
    };
    switch (op) {
      case '+':
        return Expansion{usable ? word_value() : std::string(), true, end};
      default:  // - = ?: the value when usable, else the word (or an error for ?)
        return Expansion{usable ? *value : word_value(), true, end};
    }
  }

  std::string_view raw_;
  const VariableLookup& lookup_;
  FieldBuilder fields_;
};

}  // namespace

std::vector<Word> ExpandShellWord(std::string_view raw, size_t begin, const VariableLookup& lookup) {
  return WordExpansion(raw, begin, lookup).Run();
}

std::string UnquoteShellWord(std::string_view raw) {
  std::string out;
  VariableLookup none;
  for (const Word& field : ExpandShellWord(raw, 0, none)) {
    if (!out.empty()) out += ' ';
    out += field.value;
  }
  return out;
}

bool IsShellName(std::string_view text) {
  if (text.empty() || !IsNameStart(text[0])) return false;
  return std::all_of(text.begin(), text.end(), IsNameChar);
}

bool IsAssignmentWord(std::string_view raw) {
  size_t eq = raw.find('=');
  return eq != std::string_view::npos && IsShellName(raw.substr(0, eq));
}

}  // namespace slimage::shell
