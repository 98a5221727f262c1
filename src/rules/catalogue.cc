#include "rules/catalogue.h"

namespace slimage::rules {

const RuleInfo& ParseErrorInfo() {
  static const RuleInfo kInfo{
      .id = kParseErrorRule,
      .severity = Severity::kError,
      .title = "The Dockerfile does not parse",
      .explanation =
          "BuildKit cannot build this Dockerfile: a line does not parse (an unterminated heredoc or\n"
          "JSON array, a line over 64 KiB, a bad directive) or an instruction is rejected (an unknown\n"
          "instruction or flag, FROM with the wrong number of arguments, a bad stage name). The\n"
          "message says what and where. No other rule runs on a file that does not parse, so fix\n"
          "this first. It cannot be ignored: `docker build` fails on it too.",
      .bad_example = "FROM debian:12-slim\nRUN --frm=x echo hi\n",
      .good_example = "FROM debian:12-slim\nRUN echo hi\n",
      .fixable = false,
      .hadolint = "",
  };
  return kInfo;
}

std::vector<const RuleInfo*> RuleInfos(std::span<const Rule* const> rules) {
  std::vector<const RuleInfo*> infos;
  infos.reserve(rules.size() + 1);
  infos.push_back(&ParseErrorInfo());
  for (const Rule* rule : rules) infos.push_back(&rule->info());
  return infos;
}

std::vector<const RuleInfo*> AllRuleInfos() { return RuleInfos(AllRules()); }

const RuleInfo* FindRuleInfo(std::string_view id) {
  if (id == kParseErrorRule) return &ParseErrorInfo();
  for (const Rule* rule : AllRules()) {
    if (rule->id() == id) return &rule->info();
  }
  return nullptr;
}

}  // namespace slimage::rules
