#include "report/lint_github.h"

#include <fmt/format.h>

#include "util/display_escape.h"

namespace slimage::report {
namespace {

std::string_view CommandFor(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo:
    case Severity::kStyle: return "notice";
  }
  return "notice";
}

// GitHub's own escapes (actions/toolkit command.ts escapeData / escapeProperty) for what the
// runner decodes; every other control character, bidi control and invalid byte first becomes
// a visible escape (util/display_escape.h) so that the log and the annotation show it as text.
std::string Escape(std::string_view text, bool property) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : EscapeForDisplay(text, "\r\n")) {
    switch (c) {
      case '%': escaped += "%25"; break;
      case '\r': escaped += "%0D"; break;
      case '\n': escaped += "%0A"; break;
      case ':': escaped += property ? "%3A" : ":"; break;
      case ',': escaped += property ? "%2C" : ","; break;
      default: escaped += c;
    }
  }
  return escaped;
}

}  // namespace

std::string EscapeGithubData(std::string_view text) { return Escape(text, false); }
std::string EscapeGithubProperty(std::string_view text) { return Escape(text, true); }

void RenderLintGithub(const LintReport& report, std::ostream& out) {
  for (const FileLint& file : report.files) {
    const std::string name = EscapeGithubProperty(file.file);
    for (const rules::Finding& finding : file.findings) {
      out << fmt::format("::{} file={},line={},col={},endLine={},title={}::{}\n", CommandFor(finding.severity), name,
                         finding.line, finding.column, finding.end_line, EscapeGithubProperty(finding.rule),
                         EscapeGithubData(finding.message));
    }
  }
}

}  // namespace slimage::report
