#include "report/lint_gitlab.h"

#include <map>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "image/sha256.h"

namespace slimage::report {
namespace {

std::string_view GitlabSeverity(Severity severity) {
  switch (severity) {
    case Severity::kError: return "blocker";
    case Severity::kWarning: return "major";
    case Severity::kInfo: return "info";
    case Severity::kStyle: return "minor";
  }
  return "info";
}

// GitLab matches the path against the repository's files: relative, without a leading "./".
std::string RepositoryPath(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

}  // namespace

void RenderLintGitlab(const LintReport& report, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json issues = Json::array();
  std::map<std::string, int> seen;  // identity -> how many times it occurred so far
  for (const FileLint& file : report.files) {
    const std::string path = RepositoryPath(file.file);
    for (const rules::Finding& finding : file.findings) {
      std::string identity = fmt::format("{}\n{}\n{}\n{}", path, finding.rule, finding.line, finding.message);
      if (const int repeat = seen[identity]++; repeat > 0) identity += fmt::format("\n#{}", repeat);
      // "sha256:" + 64 hex: GitLab needs a unique string, 32 hex digits are plenty.
      const std::string fingerprint = image::Sha256Digest(identity).substr(7, 32);
      Json lines{{"begin", finding.line}};
      if (finding.end_line > finding.line) lines["end"] = finding.end_line;
      issues.push_back(Json{{"description", fmt::format("{}: {}", finding.rule, finding.message)},
                            {"check_name", finding.rule},
                            {"fingerprint", fingerprint},
                            {"severity", GitlabSeverity(finding.severity)},
                            {"location", {{"path", path}, {"lines", std::move(lines)}}}});
    }
  }
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
