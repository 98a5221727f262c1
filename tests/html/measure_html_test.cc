#include "html/measure_html.h"

#include <gtest/gtest.h>

namespace slimage::html {
namespace {

TEST(RenderMeasureHtml, EmbedsTheDocumentOnceEscaped) {
  const std::string page = RenderMeasureHtml(
      "{\"steps\":[{\"step\":0,\"size\":10}],\"not_applied\":[{\"rule\":\"SL401\",\"message\":\"</script>\",\"bytes\":1}]}\n");
  EXPECT_NE(page.find("<body data-view=\"measure\">"), std::string::npos);
  EXPECT_NE(page.find("<script type=\"application/json\" id=\"slimage-report\">{\"steps\":[{\"step\":0,\"size\":10}],"
                      "\"not_applied\":[{\"rule\":\"SL401\",\"message\":\"\\u003c/script\\u003e\",\"bytes\":1}]}</script>"),
            std::string::npos);
  EXPECT_EQ(page.find("\"message\":\"</script>"), std::string::npos);
}

}  // namespace
}  // namespace slimage::html
