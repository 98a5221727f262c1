#include "dockerfile/heredoc.h"

#include <limits>
#include <string>

#include "dockerfile/go_text.h"

namespace slimage::dockerfile {
namespace {

// A shell-like word splitter with an empty environment where unset variables stay as written
// (BuildKit's lexer with SkipUnsetEnv). Returns nullopt where that lexer fails (an
// unterminated quote or `${`).
std::optional<std::vector<std::string>> LexWords(std::string_view text, bool keep_quotes, bool keep_escapes) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  auto end_word = [&] {
    if (in_word) words.push_back(word);
    word.clear();
    in_word = false;
  };
  auto add_char = [&](std::string_view bytes, bool is_space) {  // words.addChar
    if (is_space) {
      end_word();
    } else {
      word.append(bytes);
      in_word = true;
    }
  };
  size_t pos = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '\'') {
      size_t close = text.find('\'', pos + 1);
      if (close == std::string_view::npos) return std::nullopt;
      word.append(keep_quotes ? text.substr(pos, close + 1 - pos) : text.substr(pos + 1, close - pos - 1));
      in_word = true;
      pos = close + 1;
    } else if (c == '"') {
      if (keep_quotes) word.push_back('"');
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        char d = text[pos++];
        if (d == '"') {
          closed = true;
          break;
        }
        if (d == '\\') {
          if (keep_escapes) word.push_back('\\');
          if (pos >= text.size()) continue;
          char e = text[pos];
          if (e == '"' || e == '$' || e == '\\') {
            word.push_back(e);
            ++pos;
          } else if (!keep_escapes) {
            word.push_back('\\');
          }
          continue;
        }
        word.push_back(d);
      }
      if (!closed) return std::nullopt;
      if (keep_quotes) word.push_back('"');
      in_word = true;
    } else if (c == '$' && pos + 1 < text.size() && text[pos + 1] == '{') {
      size_t close = text.find('}', pos + 2);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view chunk = text.substr(pos, close + 1 - pos);
      for (size_t i = 0; i < chunk.size();) {  // addString: white space inside splits
        go::DecodedRune rune = go::DecodeRune(chunk, i);
        add_char(chunk.substr(i, rune.width), rune.valid && go::IsSpace(rune.value));
        i += rune.width;
      }
      pos = close + 1;
    } else if (c == '<') {
      // BuildKit's lexer keeps `<<` and the blanks after it in the word, so that `<<  EOF`
      // stays one word.
      word.push_back('<');
      in_word = true;
      ++pos;
      if (pos < text.size() && text[pos] == '<') {
        word.push_back('<');
        ++pos;
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) word.push_back(text[pos++]);
      }
    } else if (c == '\\') {
      if (keep_escapes) {
        word.push_back('\\');
        in_word = true;
      }
      ++pos;
      if (pos >= text.size()) break;
      go::DecodedRune rune = go::DecodeRune(text, pos);
      word.append(text.substr(pos, rune.width));
      in_word = true;
      pos += rune.width;
    } else {
      go::DecodedRune rune = go::DecodeRune(text, pos);
      add_char(text.substr(pos, rune.width), rune.valid && go::IsSpace(rune.value));
      pos += rune.width;
    }
  }
  end_word();
  return words;
}

size_t CountQuotes(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (c == '\'' || c == '"') ? 1 : 0;
  return count;
}

}  // namespace

std::optional<Heredoc> ParseHeredocWord(std::string_view word) {
  size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  if (word.substr(digits, 2) != "<<") return std::nullopt;
  size_t pos = digits + 2;
  bool chomp = pos < word.size() && word[pos] == '-';
  if (chomp) ++pos;
  while (pos < word.size() && (word[pos] == ' ' || word[pos] == '\t' || word[pos] == '\n' || word[pos] == '\f' ||
                               word[pos] == '\r')) {
    ++pos;  // `<<(-?)\s*`
  }
  std::string_view rest = word.substr(pos);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return std::nullopt;

  std::optional<std::vector<std::string>> unquoted = LexWords(rest, false, false);
  if (!unquoted || unquoted->size() != 1) return std::nullopt;
  std::optional<std::vector<std::string>> raw = LexWords(rest, true, false);
  if (!raw || raw->size() != 1) return std::nullopt;

  Heredoc heredoc;
  heredoc.name = unquoted->front();
  heredoc.chomp = chomp;
  heredoc.expand = CountQuotes(heredoc.name) == CountQuotes(raw->front());
  uint64_t fd = 0;
  for (size_t i = 0; i < digits; ++i) {  // strconv.ParseUint: an overflow gives the maximum
    uint64_t digit = static_cast<uint64_t>(word[i] - '0');
    if (fd > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      fd = std::numeric_limits<uint64_t>::max();
      break;
    }
    fd = fd * 10 + digit;
  }
  heredoc.file_descriptor = fd;
  return heredoc;
}

std::vector<Heredoc> HeredocsFromLine(std::string_view line) {
  std::vector<Heredoc> heredocs;
  std::optional<std::vector<std::string>> words = LexWords(line, true, true);
  if (!words) return heredocs;
  for (const std::string& word : *words) {
    if (std::optional<Heredoc> heredoc = ParseHeredocWord(word)) heredocs.push_back(std::move(*heredoc));
  }
  return heredocs;
}

std::string ChompHeredocContent(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  bool line_start = true;
  for (char c : content) {
    if (line_start && c == '\t') continue;
    line_start = c == '\n';
    out.push_back(c);
  }
  return out;
}

}  // namespace slimage::dockerfile
