#include "dockerfile/parser.h"

#include <array>

#include <fmt/format.h>

#include "dockerfile/go_text.h"
#include "dockerfile/heredoc.h"
#include "dockerfile/line_parsers.h"

namespace slimage::dockerfile {
namespace {

struct PhysicalLine {
  std::string_view raw;   // with its line ending
  std::string_view text;  // trailing \r and \n removed (BuildKit's trimNewline)
  int number = 0;
  size_t begin = 0;       // offset of `raw` in the source
  size_t end = 0;         // one past its line ending
};

// BuildKit reads with a bufio.Scanner that keeps line endings and stops (with an error) at a
// line longer than its 64 KiB buffer.
class LineReader {
 public:
  explicit LineReader(std::string_view source) : source_(source) {}

  bool Next(PhysicalLine* line) {
    if (pos_ >= source_.size() || too_long_) return false;
    size_t newline = source_.find('\n', pos_);
    size_t end = newline == std::string_view::npos ? source_.size() : newline + 1;
    size_t content = newline == std::string_view::npos ? end - pos_ : newline - pos_;
    if (content > kMaxLineBytes) {
      too_long_ = true;
      return false;
    }
    line->raw = source_.substr(pos_, end - pos_);
    line->begin = pos_;
    line->end = end;
    if (number_ == 0 && line->raw.substr(0, 3) == "\xEF\xBB\xBF") {
      line->raw.remove_prefix(3);
      line->begin += 3;
    }
    std::string_view text = line->raw;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    line->text = text;
    line->number = ++number_;
    pos_ = end;
    return true;
  }
  bool too_long() const { return too_long_; }
  int last_number() const { return number_; }
  size_t end_offset() const { return pos_; }  // one past the last line read

 private:
  std::string_view source_;
  size_t pos_ = 0;
  int number_ = 0;
  bool too_long_ = false;
};

// Parser directives: comment lines `# name=value` before anything else.
class DirectiveReader {
 public:
  enum class Outcome { kNone, kDirective, kError };

  Outcome Read(std::string_view line, int number, ParseResult* result, std::string* error) {
    if (done_) return Outcome::kNone;
    if (line.empty() || line.front() != '#') return Finish();
    std::string_view rest = go::TrimLeftSpace(line.substr(1));
    size_t name_end = 0;
    auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto is_regex_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
    if (rest.empty() || !is_alpha(rest[0])) return Finish();
    while (name_end < rest.size() && (is_alpha(rest[name_end]) || (rest[name_end] >= '0' && rest[name_end] <= '9'))) {
      ++name_end;
    }
    size_t pos = name_end;
    while (pos < rest.size() && is_regex_space(rest[pos])) ++pos;
    if (pos >= rest.size() || rest[pos] != '=') return Finish();
    std::string_view value = rest.substr(pos + 1);
    // `\s*(.+?)\s*$`: leading and trailing white space go, but the value keeps at least one byte.
    size_t start = 0;
    while (start < value.size() && is_regex_space(value[start])) ++start;
    if (value.empty()) return Finish();
    if (start == value.size()) start = value.size() - 1;
    size_t end = value.size();
    while (end > start + 1 && is_regex_space(value[end - 1])) --end;
    value = value.substr(start, end - start);

    std::string name = go::ToLower(rest.substr(0, name_end));
    static constexpr std::array<std::string_view, 3> kKnown = {"syntax", "escape", "check"};
    size_t index = 0;
    while (index < kKnown.size() && kKnown[index] != name) ++index;
    if (index == kKnown.size()) return Finish();
    if (seen_[index]) {
      *error = fmt::format("only one {} parser directive can be used", name);
      return Outcome::kError;
    }
    seen_[index] = true;
    if (name == "escape") {
      if (value != "`" && value != "\\") {
        *error = fmt::format("invalid escape token '{}' does not match ` or \\", value);
        return Outcome::kError;
      }
      result->escape_token = value.front();
    }
    result->directives.push_back({std::move(name), std::string(value), number});
    return Outcome::kDirective;
  }

 private:
  Outcome Finish() {
    done_ = true;
    return Outcome::kNone;
  }
  bool done_ = false;
  std::array<bool, 3> seen_{};
};

bool IsComment(std::string_view line) {
  std::string_view trimmed = go::TrimLeftSpace(line);
  return !trimmed.empty() && trimmed.front() == '#';
}

// BuildKit's line-continuation regex `([^E])E[ \t]*$|^E[ \t]*$` (E the escape token): the
// escape as last non-blank, not itself escaped. Returns true and shortens *line when found.
bool TrimContinuation(std::string_view* line, char escape) {
  size_t end = line->size();
  while (end > 0 && ((*line)[end - 1] == ' ' || (*line)[end - 1] == '\t')) --end;
  if (end == 0 || (*line)[end - 1] != escape) return false;
  if (end >= 2 && (*line)[end - 2] == escape) return false;
  *line = line->substr(0, end - 1);
  return true;
}

bool CanContainHeredoc(const Node& node) {
  const Node* target = &node;
  if (node.value == "onbuild" && !node.next.empty() && !node.next.front().children.empty()) {
    target = &node.next.front().children.front();
  }
  const std::string& name = target->value;
  return (name == "run" || name == "copy" || name == "add") && !target->json;
}

class Parser {
 public:
  explicit Parser(std::string_view source) : reader_(source) {}

  ParseResult Run() {
    PhysicalLine physical;
    std::vector<std::string> comments;
    while (reader_.Next(&physical)) {
      if (IsComment(physical.raw)) {
        std::string_view comment = go::TrimSpace(physical.raw.substr(1));
        if (comment.empty()) {
          comments.clear();
        } else {
          comments.emplace_back(comment);
        }
      }
      std::string_view text = go::TrimLeftSpace(physical.text);
      int column = static_cast<int>(physical.text.size() - text.size()) + 1;
      DirectiveReader::Outcome directive = ReadDirective(text, physical.number);
      if (directive == DirectiveReader::Outcome::kError) return Finish();
      if (directive == DirectiveReader::Outcome::kDirective && !comments.empty()) comments.pop_back();
      if (IsComment(text)) text = {};

      const int start_line = physical.number;
      bool continued = TrimContinuation(&text, result_.escape_token);
      if (!continued && text.empty()) continue;
      line_.assign(text);
      segments_.clear();
      const size_t file_begin = physical.begin;
      segments_.push_back({0, start_line, column, physical.begin + static_cast<size_t>(column - 1)});

      bool has_empty_continuation = false;
      while (continued && reader_.Next(&physical)) {
        if (ReadDirective(physical.text, physical.number) == DirectiveReader::Outcome::kError) return Finish();
        if (IsComment(physical.raw)) continue;
        if (go::TrimLeftSpace(physical.text).empty()) {
          has_empty_continuation = true;
          continue;
        }
        std::string_view piece = physical.text;
        continued = TrimContinuation(&piece, result_.escape_token);
        segments_.push_back({line_.size(), physical.number, 1, physical.begin});
        line_.append(piece);
      }
      if (has_empty_continuation) {
        result_.warnings.push_back({"Empty continuation line found in: " + line_, reader_.last_number()});
      }

      Node node;
      std::string error;
      if (!NodeFromLine(line_, 0, result_.escape_token, 0, &node, &error)) {
        Fail(std::move(error), start_line, column, reader_.last_number());
        return Finish();
      }
      if (CanContainHeredoc(node) && line_.find("<<") != std::string::npos) {
        if (!ReadHeredocs(&node, start_line, column)) return Finish();
      }
      node.start_line = start_line;
      node.end_line = reader_.last_number();
      node.file_begin = file_begin;
      node.file_end = reader_.end_offset();
      node.segments = segments_;
      node.prev_comment = std::move(comments);
      comments.clear();
      result_.root.children.push_back(std::move(node));
    }
    if (result_.root.children.empty()) {
      Fail("file with no instructions", 1, 1, std::max(1, reader_.last_number()));
    } else if (reader_.too_long()) {
      int line = reader_.last_number() + 1;
      Fail(fmt::format("dockerfile line greater than max allowed size of {}", kMaxLineBytes), line, 1, line);
    }
    return Finish();
  }

 private:
  DirectiveReader::Outcome ReadDirective(std::string_view text, int number) {
    std::string error;
    DirectiveReader::Outcome outcome = directives_.Read(text, number, &result_, &error);
    if (outcome == DirectiveReader::Outcome::kError) Fail(std::move(error), number, 1, number);
    return outcome;
  }

  bool ReadHeredocs(Node* node, int start_line, int column) {
    for (Heredoc& heredoc : HeredocsFromLine(line_)) {
      heredoc.start_line = reader_.last_number() + 1;
      bool terminated = false;
      PhysicalLine body;
      while (reader_.Next(&body)) {
        std::string_view candidate = body.text;
        if (heredoc.chomp) {
          while (!candidate.empty() && candidate.front() == '\t') candidate.remove_prefix(1);
        }
        if (candidate == heredoc.name) {
          terminated = true;
          break;
        }
        heredoc.content.append(body.raw);
      }
      if (!terminated) {
        Fail("unterminated heredoc", start_line, column, reader_.last_number());
        return false;
      }
      heredoc.end_line = reader_.last_number();
      node->heredocs.push_back(std::move(heredoc));
    }
    return true;
  }

  void Fail(std::string message, int line, int column, int end_line) {
    if (!result_.error) result_.error = SyntaxError{std::move(message), line, column, std::max(line, end_line)};
  }

  ParseResult Finish() {
    if (!result_.root.children.empty()) {
      result_.root.start_line = result_.root.children.front().start_line;
      result_.root.end_line = result_.root.children.back().end_line;
    }
    return std::move(result_);
  }

  LineReader reader_;
  DirectiveReader directives_;
  ParseResult result_;
  std::string line_;
  std::vector<LineSegment> segments_;
};

}  // namespace

ParseResult Parse(std::string_view source) { return Parser(source).Run(); }

}  // namespace slimage::dockerfile
