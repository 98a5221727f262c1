#include "report/lint_text.h"

#include <algorithm>

#include <fmt/format.h>

#include "util/display_escape.h"

namespace slimage::report {
namespace {

std::string_view SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError: return "\033[31m";
    case Severity::kWarning: return "\033[33m";
    case Severity::kInfo: return "\033[34m";
    case Severity::kStyle: return "\033[36m";
  }
  return "";
}

// The excerpt as printed: control bytes, bidi controls and invalid UTF-8 escaped (a Dockerfile
// may hold any bytes), tabs kept so that the caret line can reproduce them.
std::string Excerpt(std::string_view line) { return EscapeForDisplay(line, "\t"); }

// Spaces up to `column` (1-based, in bytes of the raw line), keeping tabs so that the caret
// lines up: one per character of the escaped excerpt before it, so `\x1b` takes four.
std::string CaretPadding(std::string_view line, int column) {
  const size_t bytes_before = std::min(line.size(), static_cast<size_t>(std::max(column, 1) - 1));
  // The whole excerpt less its escaped rest: a backslash just before the column is doubled or
  // not depending on what follows it.
  const std::string whole = Excerpt(line);
  const size_t rest = Excerpt(line.substr(bytes_before)).size();
  const std::string before =
      rest <= whole.size() ? whole.substr(0, whole.size() - rest) : Excerpt(line.substr(0, bytes_before));
  std::string pad;
  for (char ch : before) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) == 0x80) continue;
    pad.push_back(c == '\t' ? '\t' : ' ');
  }
  return pad;
}

}  // namespace

void RenderLintText(const LintReport& report, bool color, std::ostream& out) {
  const std::string_view reset = color ? "\033[0m" : "";
  const std::string_view bold = color ? "\033[1m" : "";
  size_t fixable = 0;
  for (const FileLint& file : report.files) {
    for (const rules::Finding& finding : file.findings) {
      std::string_view severity_color = color ? SeverityColor(finding.severity) : "";
      // `[*]`: `slimage fix` rewrites this finding (as ruff marks its fixable ones).
      out << fmt::format("{}:{}:{} {}{}{} {}{}{}: {}{}\n", EscapeForDisplay(file.file), finding.line, finding.column,
                         bold, finding.rule, reset, severity_color, SeverityName(finding.severity), reset,
                         EscapeForDisplay(finding.message), finding.fixable ? " [*]" : "");
      fixable += finding.fixable ? 1 : 0;
      if (!finding.source_line.empty()) {
        out << "  " << Excerpt(finding.source_line) << "\n";
        out << "  " << CaretPadding(finding.source_line, finding.column) << "^\n";
      }
    }
  }
  out << fmt::format("{} error, {} warning, {} info, {} style in {} file{}\n", report.count(Severity::kError),
                     report.count(Severity::kWarning), report.count(Severity::kInfo),
                     report.count(Severity::kStyle), report.files.size(), report.files.size() == 1 ? "" : "s");
  if (fixable > 0) out << fmt::format("[*] {} fixable with `slimage fix` (SL303 with --unsafe)\n", fixable);
}

}  // namespace slimage::report
