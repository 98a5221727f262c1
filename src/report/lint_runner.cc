#include "report/lint_runner.h"

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"
#include "rules/catalogue.h"
#include "rules/rule.h"
#include "rules/run_rules.h"

namespace slimage::report {
namespace {

rules::Finding ParseErrorFinding(const dockerfile::SyntaxError& error) {
  rules::Finding finding;
  finding.rule = std::string(rules::kParseErrorRule);
  finding.severity = Severity::kError;
  finding.line = error.line;
  finding.column = error.column;
  finding.end_line = error.end_line;
  finding.message = error.message;
  return finding;
}

std::string_view LineText(std::string_view source, int line) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  size_t start = 0;
  for (int current = 1; current < line; ++current) {
    size_t newline = source.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  size_t end = source.find('\n', start);
  std::string_view text = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  while (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::span<const rules::Rule* const> RulesToRun(const LintOptions& options) {
  if (options.rules) return *options.rules;
  return rules::AllRules();
}

void ApplySeverities(const LintOptions& options, std::vector<rules::Finding>* findings) {
  for (rules::Finding& finding : *findings) {
    auto override_severity = options.severity.find(finding.rule);
    if (override_severity != options.severity.end()) finding.severity = override_severity->second;
  }
}

}  // namespace

Expected<FileLint> LintSource(std::string_view file, std::string_view source, const LintOptions& options) {
  FileLint result;
  result.file = std::string(file);
  dockerfile::ParseResult parse = dockerfile::Parse(source);
  if (!parse.ok()) {
    result.findings.push_back(ParseErrorFinding(*parse.error));
  } else {
    dockerfile::ModelResult model = dockerfile::BuildStages(parse, {options.target});
    if (model.target_error) return MakeError("{}: {}", file, *model.target_error);
    if (!model.ok()) {
      result.findings.push_back(ParseErrorFinding(*model.error));
    } else {
      rules::LintContext context{file, source, parse, model.model, options.settings, nullptr};
      result.findings = rules::RunRules(context, RulesToRun(options), options.ignore);
      ApplySeverities(options, &result.findings);  // the config's `severity:` (not SL000's)
    }
  }
  for (rules::Finding& finding : result.findings) finding.source_line = std::string(LineText(source, finding.line));
  return result;
}

Expected<LintReport> LintFiles(const std::vector<LintInput>& inputs, const LintOptions& options) {
  LintReport report;
  report.rules = rules::RuleInfos(RulesToRun(options));
  for (const LintInput& input : inputs) {
    LintOptions file_options = options;
    if (!input.context_dir.empty()) file_options.settings.context_dir = input.context_dir;
    Expected<FileLint> file = LintSource(input.file, input.source, file_options);
    if (!file) return file.error();
    for (const rules::Finding& finding : file->findings) {
      ++report.counts[static_cast<size_t>(finding.severity)];
      if (!options.never_fail && finding.severity >= options.fail_on) report.failed = true;
    }
    report.files.push_back(std::move(*file));
  }
  return report;
}

}  // namespace slimage::report
