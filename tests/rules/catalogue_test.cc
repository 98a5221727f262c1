#include "rules/catalogue.h"

#include <gtest/gtest.h>

#include <set>

namespace slimage::rules {
namespace {

TEST(Catalogue, ParseErrorHasARuleInfo) {
  const RuleInfo* info = FindRuleInfo("SL000");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->id, "SL000");
  EXPECT_EQ(info->severity, Severity::kError);
  EXPECT_EQ(info->title, "The Dockerfile does not parse");
  EXPECT_FALSE(info->fixable);
  EXPECT_FALSE(info->explanation.empty());
  EXPECT_NE(info->bad_example, info->good_example);
}

TEST(Catalogue, UnknownIdIsNull) {
  EXPECT_EQ(FindRuleInfo("SL999"), nullptr);
  EXPECT_EQ(FindRuleInfo(""), nullptr);
}

TEST(Catalogue, AllInfosStartWithSL000AreInIdOrderAndUnique) {
  const std::vector<const RuleInfo*> infos = AllRuleInfos();
  ASSERT_EQ(infos.size(), AllRules().size() + 1);
  EXPECT_EQ(infos[0]->id, "SL000");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < infos.size(); ++i) {
    EXPECT_TRUE(seen.insert(infos[i]->id).second) << infos[i]->id;
    if (i > 0) {
      EXPECT_LT(infos[i - 1]->id, infos[i]->id);
    }
    EXPECT_EQ(FindRuleInfo(infos[i]->id), infos[i]);
    EXPECT_FALSE(infos[i]->title.empty()) << infos[i]->id;
  }
}

}  // namespace
}  // namespace slimage::rules
