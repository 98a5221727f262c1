#include "fix/unified_diff.h"

#include <algorithm>

#include <fmt/format.h>

namespace slimage::fix {
namespace {

// Lines with their line endings; the last one may have none.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t newline = text.find('\n', at);
    size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

struct Change {
  size_t old_begin = 0;  // line index
  size_t old_end = 0;    // one past
  std::vector<size_t> edits;
  std::vector<std::string> new_lines;
};

void Emit(std::string* out, char mark, std::string_view line) {
  out->push_back(mark);
  out->append(line);
  if (line.empty() || line.back() != '\n') out->append("\n\\ No newline at end of file\n");
}

}  // namespace

std::string UnifiedDiff(std::string_view path, std::string_view original, const std::vector<Edit>& sorted) {
  if (sorted.empty()) return {};
  std::vector<std::string_view> lines = SplitLines(original);
  std::vector<size_t> starts;
  for (std::string_view line : lines) starts.push_back(static_cast<size_t>(line.data() - original.data()));
  auto line_of = [&](size_t offset) -> size_t {
    if (offset >= original.size()) return lines.size();
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
  };
  // An insertion at the very end of a file that has no final newline belongs to its last line.
  auto insertion_line = [&](size_t offset) -> size_t {
    if (offset >= original.size() && !original.empty() && original.back() != '\n') return lines.size() - 1;
    return line_of(offset);
  };

  std::vector<Change> changes;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const Edit& edit = sorted[i];
    size_t first = edit.length == 0 ? insertion_line(edit.offset) : line_of(edit.offset);
    size_t last = edit.length == 0 ? first : line_of(edit.end() - 1);
    size_t end = std::min(last + 1, lines.size());
    if (first >= lines.size()) end = first = lines.size();
    if (!changes.empty() && first < changes.back().old_end) {
      changes.back().old_end = std::max(changes.back().old_end, end);
      changes.back().edits.push_back(i);
    } else {
      changes.push_back({first, end, {i}, {}});
    }
  }
  for (Change& change : changes) {
    size_t slice_begin = change.old_begin < lines.size() ? starts[change.old_begin] : original.size();
    size_t slice_end = change.old_end < lines.size() ? starts[change.old_end] : original.size();
    std::string text;
    size_t at = slice_begin;
    for (size_t index : change.edits) {
      const Edit& edit = sorted[index];
      text.append(original.substr(at, edit.offset - at));
      text.append(edit.replacement);
      at = edit.end();
    }
    text.append(original.substr(at, slice_end - at));
    for (std::string_view line : SplitLines(text)) change.new_lines.emplace_back(line);
  }

  constexpr size_t kContext = 3;
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
  long shift = 0;  // new line number minus old line number, before the hunk
  for (size_t c = 0; c < changes.size();) {
    size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1].old_begin <= changes[last].old_end + 2 * kContext) ++last;
    size_t hunk_begin = changes[c].old_begin >= kContext ? changes[c].old_begin - kContext : 0;
    size_t hunk_end = std::min(lines.size(), changes[last].old_end + kContext);
    std::string body;
    size_t old_count = 0;
    size_t new_count = 0;
    size_t at = hunk_begin;
    long added = 0;
    for (size_t k = c; k <= last; ++k) {
      for (; at < changes[k].old_begin; ++at, ++old_count, ++new_count) Emit(&body, ' ', lines[at]);
      for (; at < changes[k].old_end; ++at, ++old_count) Emit(&body, '-', lines[at]);
      for (const std::string& line : changes[k].new_lines) {
        Emit(&body, '+', line);
        ++new_count;
      }
      added += static_cast<long>(changes[k].new_lines.size()) -
               static_cast<long>(changes[k].old_end - changes[k].old_begin);
    }
    for (; at < hunk_end; ++at, ++old_count, ++new_count) Emit(&body, ' ', lines[at]);
    size_t old_start = old_count == 0 ? hunk_begin : hunk_begin + 1;
    long new_start = static_cast<long>(hunk_begin) + shift + (new_count == 0 ? 0 : 1);
    out += fmt::format("@@ -{},{} +{},{} @@\n", old_start, old_count, new_start, new_count);
    out += body;
    shift += added;
    c = last + 1;
  }
  return out;
}

}  // namespace slimage::fix
