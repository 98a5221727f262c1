#include "html/diff_html.h"

#include <sstream>

#include <gtest/gtest.h>

#include "diff/delta_tree.h"
#include "diff/diff_test_support.h"
#include "html/page.h"
#include "report/diff_report.h"

namespace slimage::html {
namespace {

using testing::File;

TEST(RenderDiffHtml, EmbedsTheDiffJsonDocumentAndTheDeltaTree) {
  const diff::DiffSide a =
      diff::SideOf(diff::ImageOf({{{File("etc/a.conf", "one"), File("gone", "bytes")}, testing::Compress::kNone, "ADD a"}}));
  const diff::DiffSide b =
      diff::SideOf(diff::ImageOf({{{File("etc/a.conf", "three"), File("new<script>", "x")}, testing::Compress::kNone, "ADD b"}}));
  const diff::ImageDiff result = diff::ComputeImageDiff(a, b, {});
  std::ostringstream json;
  report::RenderDiffJson(a, b, result, json);
  std::string document = json.str();
  document.pop_back();
  std::ostringstream out;
  RenderDiffHtml(a, b, result, diff::DeltaTree(a.model, b.model), out);
  const std::string page = out.str();
  EXPECT_NE(page.find("<body data-view=\"diff\">"), std::string::npos);
  EXPECT_NE(page.find("<script type=\"application/json\" id=\"slimage-report\">" + EscapeJsonForScript(document) + "</script>"),
            std::string::npos);
  // grown a.conf (group 2, +2 bytes), added new<script> (1), the ghost of gone (5, a's 5 bytes)
  EXPECT_NE(page.find(R"({"n":"a.conf","s":5,"d":2,"g":2})"), std::string::npos);
  EXPECT_NE(page.find(R"({"n":"new\u003cscript\u003e","s":1,"d":1,"g":1})"), std::string::npos);
  EXPECT_NE(page.find(R"({"n":"gone","s":5,"d":-5,"g":5})"), std::string::npos);
  EXPECT_EQ(page.find("new<script>"), std::string::npos);
}

}  // namespace
}  // namespace slimage::html
