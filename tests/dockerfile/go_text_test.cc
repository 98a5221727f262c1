#include "dockerfile/go_text.h"

#include <gtest/gtest.h>

#include "dockerfile/json_array.h"

namespace slimage::dockerfile {
namespace {

TEST(GoText, QuoteMatchesStrconvQuote) {
  EXPECT_EQ(go::Quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(go::Quote("\t\n\r\a\b\f\v"), "\"\\t\\n\\r\\a\\b\\f\\v\"");
  EXPECT_EQ(go::Quote(std::string("\x00\x7f", 2)), "\"\\x00\\x7f\"");
  EXPECT_EQ(go::Quote("☥ é"), "\"☥ é\"");
  EXPECT_EQ(go::Quote("\xff"), "\"\\xff\"");
  EXPECT_EQ(go::Quote("\xc2\xa0"), "\"\\u00a0\"");  // NBSP is not printable for Go
}

TEST(GoText, TrimSpaceIsUnicodeAware) {
  EXPECT_EQ(go::TrimSpace("\xc2\xa0 x \t\xe3\x80\x80"), "x");
  EXPECT_EQ(go::TrimSpace("\xff x"), "\xff x");
}

TEST(GoText, ToLowerReplacesBadBytes) {
  EXPECT_EQ(go::ToLower("RUN"), "run");
  EXPECT_EQ(go::ToLower("ÉA\xff"), "éa\xef\xbf\xbd");
}

TEST(JsonArray, GoDecodingRules) {
  std::vector<std::string> out;
  EXPECT_EQ(ParseJsonStringArray("[\"a\\ud83d\\ude00\", \"\\ud800x\"]", &out), JsonArrayKind::kStrings);
  EXPECT_EQ(out, (std::vector<std::string>{"a😀", "\xef\xbf\xbdx"}));
  EXPECT_EQ(ParseJsonStringArray("[\"\xff\"]", &out), JsonArrayKind::kStrings);
  EXPECT_EQ(out, (std::vector<std::string>{"\xef\xbf\xbd"}));
  EXPECT_EQ(ParseJsonStringArray("[\"a\"] x", &out), JsonArrayKind::kNotJson);
  EXPECT_EQ(ParseJsonStringArray("[\"a\",]", &out), JsonArrayKind::kNotJson);
  EXPECT_EQ(ParseJsonStringArray("[\"a\t\"]", &out), JsonArrayKind::kNotJson);
  EXPECT_EQ(ParseJsonStringArray("[01]", &out), JsonArrayKind::kNotJson);
  EXPECT_EQ(ParseJsonStringArray("[null]", &out), JsonArrayKind::kNotStrings);
  EXPECT_EQ(ParseJsonStringArray("[{\"a\": [1, true]}]", &out), JsonArrayKind::kNotStrings);
  EXPECT_EQ(ParseJsonStringArray(std::string(20000, '[') + std::string(20000, ']'), &out), JsonArrayKind::kNotJson);
}

}  // namespace
}  // namespace slimage::dockerfile
