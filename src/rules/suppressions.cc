#include "rules/suppressions.h"

#include <algorithm>

#include "rules/hadolint_map.h"
#include "util/text.h"

namespace slimage::rules {
namespace {

constexpr std::string_view kBlanks = " \t\r\f\v";

std::string_view Trim(std::string_view text) { return TrimView(text, kBlanks); }

// Removes `word` and the blanks after it from the front of `text`; false when `text` does not
// start with it as a whole word.
bool ConsumeWord(std::string_view* text, std::string_view word) {
  if (text->substr(0, word.size()) != word) return false;
  std::string_view rest = text->substr(word.size());
  if (!rest.empty() && kBlanks.find(rest.front()) == std::string_view::npos && rest.front() != '=') return false;
  *text = Trim(rest);
  return true;
}

struct Pragma {
  bool global = false;
  std::vector<std::string> rules;  // slimage IDs (hadolint codes already mapped)
};

// `line` is one physical line; a pragma is a comment of one of the forms above.
bool ParsePragma(std::string_view line, Pragma* pragma) {
  std::string_view text = Trim(line);
  if (text.empty() || text.front() != '#') return false;
  text = Trim(text.substr(1));
  bool hadolint = false;
  if (ConsumeWord(&text, "hadolint")) {
    hadolint = true;
  } else if (!ConsumeWord(&text, "slimage")) {
    return false;
  }
  pragma->global = ConsumeWord(&text, "global");
  if (text.substr(0, 7) != "ignore=") return false;
  text.remove_prefix(7);
  // The list ends at the first blank that does not follow a comma ("SL301, SL303 reason").
  while (!text.empty()) {
    const size_t comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    bool last = comma == std::string_view::npos;
    const size_t blank = item.find_first_of(kBlanks);
    if (blank != std::string_view::npos) {
      item = item.substr(0, blank);
      last = true;
    }
    if (hadolint) {
      for (std::string_view rule : RulesForHadolint(item)) pragma->rules.emplace_back(rule);
    } else if (!item.empty()) {
      pragma->rules.emplace_back(item);
    }
    if (last) break;
    text = Trim(text.substr(comma + 1));
  }
  return true;
}

bool IsComment(std::string_view line) {
  const std::string_view text = Trim(line);
  return !text.empty() && text.front() == '#';
}

std::vector<std::string_view> SplitLines(std::string_view source) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= source.size()) {
    const size_t newline = source.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back(source.substr(start));
      break;
    }
    lines.push_back(source.substr(start, newline - start));
    start = newline + 1;
  }
  return lines;
}

}  // namespace

bool Suppressions::Suppresses(const Finding& finding) const {
  if (global.contains(finding.rule)) return true;
  return std::any_of(ranges.begin(), ranges.end(), [&](const Range& range) {
    int last = std::max(finding.line, finding.group_last_line);
    return last >= range.first_line && finding.line <= range.last_line && range.rules.contains(finding.rule);
  });
}

Suppressions ReadSuppressions(std::string_view source, const dockerfile::ParseResult& parse) {
  Suppressions result;
  const std::vector<std::string_view> lines = SplitLines(source);
  const int line_count = static_cast<int>(lines.size());
  std::vector<bool> in_heredoc(lines.size() + 1, false);  // indexed by 1-based line
  for (const dockerfile::Node& node : parse.root.children) {
    for (const dockerfile::Heredoc& heredoc : node.heredocs) {
      for (int line = std::max(1, heredoc.start_line); line < heredoc.end_line && line <= line_count; ++line) {
        in_heredoc[static_cast<size_t>(line)] = true;
      }
    }
  }
  for (int line = 1; line <= line_count; ++line) {
    Pragma pragma;
    if (in_heredoc[static_cast<size_t>(line)] || !ParsePragma(lines[static_cast<size_t>(line - 1)], &pragma)) continue;
    if (pragma.global) result.global.insert(pragma.rules.begin(), pragma.rules.end());
  }
  for (const dockerfile::Node& node : parse.root.children) {
    Suppressions::Range range;
    range.first_line = node.start_line;
    range.last_line = node.end_line;
    for (const dockerfile::Heredoc& heredoc : node.heredocs) range.last_line = std::max(range.last_line, heredoc.end_line);
    // Walk up over the comment lines right above the instruction.
    for (int line = node.start_line - 1; line >= 1 && line <= line_count; --line) {
      const std::string_view text = lines[static_cast<size_t>(line - 1)];
      if (in_heredoc[static_cast<size_t>(line)] || !IsComment(text)) break;
      Pragma pragma;
      if (ParsePragma(text, &pragma) && !pragma.global) range.rules.insert(pragma.rules.begin(), pragma.rules.end());
    }
    if (!range.rules.empty()) result.ranges.push_back(std::move(range));
  }
  return result;
}

}  // namespace slimage::rules
