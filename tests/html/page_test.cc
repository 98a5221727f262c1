#include "html/page.h"

#include <sstream>

#include <gtest/gtest.h>

#include "html/assets.h"
#include "image/sha256.h"
#include "util/base64.h"

namespace slimage::html {
namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

TEST(EscapeJsonForScript, EscapesWhatCouldEndTheElementAndNothingElse) {
  EXPECT_EQ(EscapeJsonForScript(R"({"n":"</script><!--&'\""})"),
            R"({"n":"\u003c/script\u003e\u003c!--\u0026'\""})");
  EXPECT_EQ(EscapeJsonForScript("{\"n\":\"a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xe2\x80\xa7\"}"),
            "{\"n\":\"a\\u2028b\\u2029c\xe2\x80\xa7\"}");
  EXPECT_EQ(EscapeJsonForScript(R"({"size":12,"x":[true,null]})"), R"({"size":12,"x":[true,null]})");
}

TEST(Assets, EveryPieceOfThePageIsEmbedded) {
  for (const char* name : {"report.css", "common.js", "analyze.js", "diff.js", "measure.js",
                           "vendor/d3-hierarchy.min.js", "vendor/d3-hierarchy.LICENSE"}) {
    EXPECT_FALSE(Asset(name).empty()) << name;
    EXPECT_EQ(Asset(name).find("</script"), std::string_view::npos) << name;
  }
  EXPECT_NE(Asset("vendor/d3-hierarchy.min.js").find("d3-hierarchy/ v3.1.2"), std::string_view::npos);
  EXPECT_TRUE(Asset("nope.js").empty());
}

TEST(WritePage, DataBlocksEscapedScriptsAllowedByHashOnly) {
  std::ostringstream out;
  WritePage(Page{"analyze", {{"slimage-report", R"({"n":"</script><script>alert(1)</script>"})"}}}, out);
  const std::string page = out.str();
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n", 0), 0u);
  // the data block, the vendored library, the helpers, the view; nothing else opens or ends one
  EXPECT_EQ(Count(page, "<script"), 4u);
  EXPECT_EQ(Count(page, "</script>"), 4u);
  EXPECT_NE(page.find(R"(<script type="application/json" id="slimage-report">{"n":"\u003c/script\u003e)"),
            std::string::npos);
  // the CSP names the hash of each inline script: a script injected any other way does not run
  const std::string_view common = Asset("common.js");
  const std::string hex = image::Sha256Digest(common).substr(7);
  std::string raw;
  for (size_t i = 0; i < hex.size(); i += 2) raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  EXPECT_NE(page.find("'sha256-" + Base64Encode(raw) + "'"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(page.find("Permission to use, copy, modify"), std::string::npos);  // d3-hierarchy's ISC notice
}

}  // namespace
}  // namespace slimage::html
