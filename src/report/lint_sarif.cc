#include "report/lint_sarif.h"

#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/json_text.h"

namespace slimage::report {
namespace {

using Json = nlohmann::ordered_json;

std::string LowerCase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

Json RuleDescriptor(const rules::RuleInfo& info) {
  return Json{{"id", info.id},
              {"name", info.id},
              {"shortDescription", {{"text", info.title}}},
              {"fullDescription", {{"text", info.explanation}}},
              {"helpUri", fmt::format("{}#{}", kRuleDocsUri, LowerCase(info.id))},
              {"defaultConfiguration", {{"level", SarifLevel(info.severity)}}}};
}

// A message in json_text.h's lossless form; the exact bytes of a non-UTF-8 text go in the
// message's property bag (SARIF 3.8: every object may carry `properties`) as `text_base64`.
Json Message(std::string_view text) {
  Json message;
  Json exact;
  PutText(exact, "text", text);
  message["text"] = exact["text"];
  if (exact.contains("text_base64")) message["properties"] = {{"text_base64", exact["text_base64"]}};
  return message;
}

Json Result(const rules::Finding& finding, const std::string& uri) {
  return Json{{"ruleId", finding.rule},
              {"level", SarifLevel(finding.severity)},
              {"message", Message(finding.message)},
              {"locations",
               Json::array({{{"physicalLocation",
                              {{"artifactLocation", {{"uri", uri}}},
                               {"region",
                                {{"startLine", finding.line},
                                 {"startColumn", finding.column},
                                 {"endLine", finding.end_line}}}}}}})}};
}

}  // namespace

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo:
    case Severity::kStyle: return "note";
  }
  return "note";
}

std::string FileUri(std::string_view file) {
  std::string uri;
  for (char c : file) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri += c;
    } else {
      uri += fmt::format("%{:02X}", byte);
    }
  }
  return uri;
}

void RenderLintSarif(const LintReport& report, std::ostream& out) {
  Json rules = Json::array();
  for (const rules::RuleInfo* info : report.rules) rules.push_back(RuleDescriptor(*info));
  Json results = Json::array();
  for (const FileLint& file : report.files) {
    const std::string uri = FileUri(file.file);
    for (const rules::Finding& finding : file.findings) results.push_back(Result(finding, uri));
  }
  Json document{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", Json::array({{{"tool",
                              {{"driver",
                                {{"name", "slimage"},
                                 {"version", SLIMAGE_VERSION},
                                 {"informationUri", std::string(kProjectUri)},
                                 {"rules", std::move(rules)}}}}},
                             {"results", std::move(results)}}})}};
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace slimage::report
