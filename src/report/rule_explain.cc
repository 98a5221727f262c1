#include "report/rule_explain.h"

#include <fmt/format.h>

namespace slimage::report {
namespace {

void RenderExample(std::string_view heading, std::string_view example, std::ostream& out) {
  out << heading << ":\n";
  while (!example.empty()) {
    const size_t newline = example.find('\n');
    const std::string_view line = example.substr(0, newline);
    out << (line.empty() ? "" : "    ") << line << "\n";
    if (newline == std::string_view::npos) break;
    example.remove_prefix(newline + 1);
  }
}

}  // namespace

void RenderRuleExplanation(const rules::RuleInfo& info, std::ostream& out) {
  out << fmt::format("{} ({}): {}\n", info.id, SeverityName(info.severity), info.title);
  out << fmt::format("fixable: {}\n", info.fixable ? "yes (slimage fix)" : "no");
  out << fmt::format("hadolint: {}\n", info.hadolint.empty() ? "-" : info.hadolint);
  out << "\n" << info.explanation;
  if (!info.explanation.empty() && info.explanation.back() != '\n') out << "\n";
  out << "\n";
  RenderExample("Bad", info.bad_example, out);
  out << "\n";
  RenderExample("Good", info.good_example, out);
}

void RenderRuleList(std::span<const rules::RuleInfo* const> infos, std::ostream& out) {
  for (const rules::RuleInfo* info : infos) {
    out << fmt::format("{}  {:<7}  {}\n", info->id, SeverityName(info->severity), info->title);
  }
}

}  // namespace slimage::report
