#include "report/lint_json.h"

#include <nlohmann/json.hpp>

namespace slimage::report {

void RenderLintJson(const LintReport& report, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json files = Json::array();
  for (const FileLint& file : report.files) {
    Json findings = Json::array();
    for (const rules::Finding& finding : file.findings) {
      findings.push_back(Json{{"rule", finding.rule},
                              {"severity", SeverityName(finding.severity)},
                              {"line", finding.line},
                              {"column", finding.column},
                              {"end_line", finding.end_line},
                              {"stage", finding.stage.empty() ? Json(nullptr) : Json(finding.stage)},
                              {"message", finding.message},
                              {"fixable", finding.fixable}});
    }
    files.push_back(Json{{"file", file.file}, {"findings", std::move(findings)}});
  }
  Json document{{"tool", {{"name", "slimage"}, {"version", SLIMAGE_VERSION}}},
                {"files", std::move(files)},
                {"summary",
                 {{"error", report.count(Severity::kError)},
                  {"warning", report.count(Severity::kWarning)},
                  {"info", report.count(Severity::kInfo)},
                  {"style", report.count(Severity::kStyle)}}}};
  // Invalid UTF-8 in a message (quoted from a hostile file) must not abort the dump.
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
