#include "dockerfile/line_parsers.h"

#include <fmt/format.h>

#include "dockerfile/go_text.h"
#include "dockerfile/json_array.h"

namespace slimage::dockerfile {
namespace {

Node Leaf(std::string value) {
  Node node;
  node.value = std::move(value);
  return node;
}

// extractBuilderFlags: leading `--name=value` words (quotes and backslashes processed, a lone
// `--` ends them). Works byte by byte like BuildKit, so a byte >= 0x80 is widened to the
// code point of the same value (its Latin-1 reading) and 0x85/0xA0 count as white space.
// Returns the offset in `text` where the arguments start.
size_t ExtractFlags(std::string_view text, std::vector<std::string>* flags) {
  enum Phase { kSpaces, kWord, kQuote } phase = kSpaces;
  std::string word;
  bool blank_ok = false;
  char quote = 0;
  auto add_byte = [&word](unsigned char b) { go::AppendRune(word, b); };
  for (size_t pos = 0; pos <= text.size(); ++pos) {
    unsigned char ch = pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
    if (phase == kSpaces) {
      if (pos == text.size()) break;
      if (go::IsSpaceByte(ch)) continue;
      if (ch != '-' || pos + 1 == text.size() || text[pos + 1] != '-') return pos;
      phase = kWord;
    }
    if (pos == text.size()) {
      if (word != "--" && (blank_ok || !word.empty())) flags->push_back(word);
      break;
    }
    if (phase == kWord) {
      if (go::IsSpaceByte(ch)) {
        phase = kSpaces;
        if (word == "--") return pos;
        if (blank_ok || !word.empty()) flags->push_back(word);
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = static_cast<char>(ch);
        blank_ok = true;
        phase = kQuote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == text.size()) continue;
        ch = static_cast<unsigned char>(text[++pos]);
      }
      add_byte(ch);
      continue;
    }
    // kQuote
    if (ch == static_cast<unsigned char>(quote)) {
      phase = kWord;
      continue;
    }
    if (ch == '\\') {
      if (pos + 1 == text.size()) {
        phase = kWord;
        continue;
      }
      ch = static_cast<unsigned char>(text[++pos]);
    }
    add_byte(ch);
  }
  return text.size();
}

// regexp `[\t\v\f\r ]+`.Split(text, -1), for non-empty text.
void SplitFields(std::string_view text, std::vector<Node>* out) {
  size_t start = 0;
  for (size_t pos = 0; pos < text.size();) {
    if (go::IsAsciiFieldSpace(text[pos])) {
      size_t end = pos;
      while (pos < text.size() && go::IsAsciiFieldSpace(text[pos])) ++pos;
      out->push_back(Leaf(std::string(text.substr(start, end - start))));
      start = pos;
    } else {
      ++pos;
    }
  }
  out->push_back(Leaf(std::string(text.substr(start))));
}

// parseJSON: true when `text` is a JSON array (sets node->next and node->json); false with an
// empty *error when it is not JSON; false with *error set when it holds non-strings.
bool ParseJson(std::string_view text, Node* node, std::string* error) {
  text = go::TrimLeftSpace(text);
  if (text.empty() || text.front() != '[') return false;
  std::vector<std::string> elements;
  switch (ParseJsonStringArray(text, &elements)) {
    case JsonArrayKind::kNotJson:
      return false;
    case JsonArrayKind::kNotStrings:
      *error = "when using JSON array syntax, arrays must be comprised of strings only";
      return false;
    case JsonArrayKind::kStrings:
      break;
  }
  for (std::string& element : elements) node->next.push_back(Leaf(std::move(element)));
  node->json = true;
  return true;
}

bool ParseMaybeJson(std::string_view args, Node* node, std::string* error) {
  if (args.empty()) return true;
  if (ParseJson(args, node, error)) return true;
  if (!error->empty()) return false;
  node->next.push_back(Leaf(std::string(args)));
  return true;
}

bool ParseMaybeJsonToList(std::string_view args, Node* node, std::string* error) {
  if (ParseJson(args, node, error)) return true;
  if (!error->empty()) return false;
  if (!args.empty()) SplitFields(args, &node->next);
  return true;
}

void AppendKeyValue(Node* node, std::string key, std::string value, std::string separator) {
  node->next.push_back(Leaf(std::move(key)));
  node->next.push_back(Leaf(std::move(value)));
  node->next.push_back(Leaf(std::move(separator)));
}

// ENV and LABEL: `KEY value…` (legacy) or `k=v k2="v 2"`.
bool ParseNameValue(std::string_view args, char escape, std::string_view instruction, Node* node,
                    std::string* error) {
  std::vector<std::string> words;
  SplitWordsKeepingQuotes(args, escape, &words);
  if (words.empty()) return true;
  if (words[0].find('=') == std::string::npos) {
    size_t space = 0;
    while (space < args.size() && !go::IsAsciiFieldSpace(args[space])) ++space;
    if (space == args.size()) {
      *error = fmt::format("{} must have two arguments", instruction);
      return false;
    }
    size_t value = space;
    while (value < args.size() && go::IsAsciiFieldSpace(args[value])) ++value;
    AppendKeyValue(node, std::string(args.substr(0, space)), std::string(args.substr(value)), "");
    return true;
  }
  for (std::string& word : words) {
    size_t equals = word.find('=');
    if (equals == std::string::npos) {
      *error = fmt::format("Syntax error - can't find = in {}. Must be of the form: name=value", go::Quote(word));
      return false;
    }
    AppendKeyValue(node, word.substr(0, equals), word.substr(equals + 1), "=");
  }
  return true;
}

bool ParseHealthcheck(std::string_view args, Node* node, std::string* error) {
  size_t sep = 0;
  while (sep < args.size() && !go::IsSpaceByte(static_cast<unsigned char>(args[sep]))) ++sep;
  size_t next = sep;
  while (next < args.size() && go::IsSpaceByte(static_cast<unsigned char>(args[next]))) ++next;
  if (sep == 0) return true;
  Node type_node = Leaf(std::string(args.substr(0, sep)));
  Node command;
  if (!ParseMaybeJson(args.substr(next), &command, error)) return false;
  node->next.push_back(std::move(type_node));
  for (Node& part : command.next) node->next.push_back(std::move(part));
  node->json = command.json;
  return true;
}

}  // namespace

void SplitWordsKeepingQuotes(std::string_view text, char escape, std::vector<std::string>* words) {
  enum Phase { kSpaces, kWord, kQuote } phase = kSpaces;
  std::string word;
  bool blank_ok = false;
  char32_t quote = 0;
  const char32_t escape_rune = static_cast<unsigned char>(escape);
  go::DecodedRune ch;
  for (size_t pos = 0; pos <= text.size(); pos += ch.width) {
    if (pos != text.size()) ch = go::DecodeRune(text, pos);
    if (phase == kSpaces) {
      if (pos == text.size()) break;
      if (go::IsSpace(ch.value) && ch.valid) continue;
      phase = kWord;
    }
    if (pos == text.size()) {
      if (blank_ok || !word.empty()) words->push_back(word);
      break;
    }
    if (phase == kWord) {
      if (ch.valid && go::IsSpace(ch.value)) {
        phase = kSpaces;
        if (blank_ok || !word.empty()) words->push_back(word);
        word.clear();
        blank_ok = false;
        continue;
      }
      if (ch.value == '\'' || ch.value == '"') {
        quote = ch.value;
        blank_ok = true;
        phase = kQuote;
      }
      if (ch.value == escape_rune) {
        if (pos + ch.width == text.size()) continue;  // an escape at the very end is dropped
        go::AppendDecoded(word, text, ch, pos);
        pos += ch.width;
        ch = go::DecodeRune(text, pos);
      }
      go::AppendDecoded(word, text, ch, pos);
      continue;
    }
    // kQuote
    if (ch.value == quote) phase = kWord;
    if (ch.value == escape_rune && quote != '\'') {
      if (pos + ch.width == text.size()) {
        phase = kWord;
        continue;
      }
      go::AppendDecoded(word, text, ch, pos);
      pos += ch.width;
      ch = go::DecodeRune(text, pos);
    }
    go::AppendDecoded(word, text, ch, pos);
  }
}

bool NodeFromLine(std::string_view line, size_t base_offset, char escape, int depth, Node* node,
                  std::string* error) {
  std::string_view trimmed = go::TrimSpace(line);
  size_t name_start = static_cast<size_t>(trimmed.data() - line.data());
  size_t name_end = 0;
  while (name_end < trimmed.size() && !go::IsAsciiFieldSpace(trimmed[name_end])) ++name_end;
  std::string_view name = trimmed.substr(0, name_end);
  std::string_view args;
  size_t args_offset = name_start + name_end;
  if (name_end < trimmed.size()) {
    size_t rest_start = name_end;
    while (rest_start < trimmed.size() && go::IsAsciiFieldSpace(trimmed[rest_start])) ++rest_start;
    std::string_view rest = trimmed.substr(rest_start);
    size_t args_start = ExtractFlags(rest, &node->flags);
    std::string_view untrimmed = rest.substr(args_start);
    args = go::TrimSpace(untrimmed);
    args_offset = name_start + rest_start + args_start + static_cast<size_t>(args.data() - untrimmed.data());
  }
  node->value = go::ToLower(name);
  node->original = std::string(line);
  node->name_offset = base_offset + name_start;
  node->args_offset = base_offset + args_offset;
  node->args_length = args.size();

  const std::string& cmd = node->value;
  if (cmd == "run" || cmd == "cmd" || cmd == "entrypoint" || cmd == "shell") {
    return ParseMaybeJson(args, node, error);
  }
  if (cmd == "add" || cmd == "copy" || cmd == "volume") return ParseMaybeJsonToList(args, node, error);
  if (cmd == "from" || cmd == "expose") {
    if (!args.empty()) SplitFields(args, &node->next);
    return true;
  }
  if (cmd == "env") return ParseNameValue(args, escape, "ENV", node, error);
  if (cmd == "label") return ParseNameValue(args, escape, "LABEL", node, error);
  if (cmd == "arg") {
    std::vector<std::string> words;
    SplitWordsKeepingQuotes(args, escape, &words);
    for (std::string& word : words) node->next.push_back(Leaf(std::move(word)));
    return true;
  }
  if (cmd == "maintainer" || cmd == "user" || cmd == "workdir" || cmd == "stopsignal") {
    if (!args.empty()) node->next.push_back(Leaf(std::string(args)));
    return true;
  }
  if (cmd == "healthcheck") return ParseHealthcheck(args, node, error);
  if (cmd == "onbuild") {
    if (args.empty()) return true;
    if (depth >= kMaxOnbuildDepth) {
      *error = "ONBUILD nested too deeply";
      return false;
    }
    Node wrapper;
    Node child;
    if (!NodeFromLine(args, base_offset + args_offset, escape, depth + 1, &child, error)) return false;
    wrapper.children.push_back(std::move(child));
    node->next.push_back(std::move(wrapper));
    return true;
  }
  node->next.push_back(Node{});  // parseIgnore: an unknown instruction keeps one empty argument
  return true;
}

}  // namespace slimage::dockerfile
