#include "report/lint_json.h"

#include <nlohmann/json.hpp>

#include "report/json_text.h"

namespace slimage::report {

void RenderLintJson(const LintReport& report, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json files = Json::array();
  for (const FileLint& file : report.files) {
    Json findings = Json::array();
    for (const rules::Finding& finding : file.findings) {
      Json item{{"rule", finding.rule},
                {"severity", SeverityName(finding.severity)},
                {"line", finding.line},
                {"column", finding.column},
                {"end_line", finding.end_line}};
      if (finding.stage.empty()) {
        item["stage"] = nullptr;
      } else {
        PutText(item, "stage", finding.stage);
      }
      PutText(item, "message", finding.message);
      item["fixable"] = finding.fixable;
      findings.push_back(std::move(item));
    }
    Json entry;
    PutText(entry, "file", file.file);
    entry["findings"] = std::move(findings);
    files.push_back(std::move(entry));
  }
  Json document{{"tool", {{"name", "slimage"}, {"version", SLIMAGE_VERSION}}},
                {"files", std::move(files)},
                {"summary",
                 {{"error", report.count(Severity::kError)},
                  {"warning", report.count(Severity::kWarning)},
                  {"info", report.count(Severity::kInfo)},
                  {"style", report.count(Severity::kStyle)}}}};
  // Texts are in json_text.h's lossless form; `replace` only guards a field added without it.
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
