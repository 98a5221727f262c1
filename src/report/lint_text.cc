#include "report/lint_text.h"

#include <fmt/format.h>

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

// Spaces up to `column`, keeping tabs so that the caret lines up; one per character, not byte.
std::string CaretPadding(std::string_view line, int column) {
  std::string pad;
  for (size_t i = 0; i + 1 < static_cast<size_t>(column) && i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
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
      out << fmt::format("{}:{}:{} {}{}{} {}{}{}: {}{}\n", file.file, finding.line, finding.column, bold, finding.rule,
                         reset, severity_color, SeverityName(finding.severity), reset, finding.message,
                         finding.fixable ? " [*]" : "");
      fixable += finding.fixable ? 1 : 0;
      if (!finding.source_line.empty()) {
        out << "  " << finding.source_line << "\n";
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
