#include "rules/hadolint_map.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "rules/rule.h"

namespace slimage::rules {
namespace {

std::set<std::string> Split(std::string_view list) {
  std::set<std::string> codes;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string code(list.substr(0, comma));
    while (!code.empty() && code.front() == ' ') code.erase(0, 1);
    while (!code.empty() && code.back() == ' ') code.pop_back();
    if (!code.empty()) codes.insert(code);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return codes;
}

// rules.md, column "hadolint", copied by hand.
TEST(HadolintMap, MatchesTheCatalogue) {
  const std::map<std::string, std::set<std::string>> expected = {
      {"SL202", {"DL3006", "DL3007"}}, {"SL301", {"DL3009"}}, {"SL303", {"DL3015"}},
      {"SL304", {"DL3019"}}, {"SL305", {"DL3032", "DL3036", "DL3040"}}, {"SL306", {"DL3042"}},
      {"SL307", {"DL3060"}}, {"SL311", {"DL3046"}}, {"SL601", {"DL3059"}}, {"SL702", {"DL3067"}}};
  std::map<std::string, std::set<std::string>> actual;
  for (const HadolintMapping& mapping : HadolintMappings()) actual[std::string(mapping.rule)].insert(std::string(mapping.hadolint));
  EXPECT_EQ(actual, expected);
}

TEST(HadolintMap, EveryRegisteredRuleAgreesWithTheTable) {
  for (const Rule* rule : AllRules()) {
    std::set<std::string> from_table;
    for (const HadolintMapping& mapping : HadolintMappings()) {
      if (mapping.rule == rule->id()) from_table.insert(std::string(mapping.hadolint));
    }
    EXPECT_EQ(Split(rule->info().hadolint), from_table) << rule->id();
  }
}

TEST(HadolintMap, Lookup) {
  EXPECT_EQ(RulesForHadolint("DL3040"), std::vector<std::string_view>{"SL305"});
  EXPECT_TRUE(RulesForHadolint("DL3003").empty());
  EXPECT_TRUE(RulesForHadolint("").empty());
}

}  // namespace
}  // namespace slimage::rules
