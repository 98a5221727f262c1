#include "html/image_html.h"

#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "html/page.h"
#include "report/image_report.h"
#include "support/in_memory_image.h"

namespace slimage::html {
namespace {

constexpr uint64_t kMaxReport = 3'000'000;  // issue 14: a 100,000-file image gives a report under 3 MB

// A model of `count` files in three layers, straight into the final filesystem (the in-memory
// builder would replay every entry); `size_of(i)` and `path_of(i)` shape the image.
template <typename SizeOf, typename PathOf>
analysis::ImageModel ManyFiles(size_t count, SizeOf size_of, PathOf path_of) {
  analysis::ImageModel model;
  model.source = "many.tar";
  for (int i = 0; i < 3; ++i) {
    model.history.push_back({fmt::format("RUN step {}", i), "", "", false, i});
    analysis::Layer layer;
    layer.history_index = i;
    model.layers.push_back(layer);
  }
  for (size_t i = 0; i < count; ++i) {
    analysis::FinalNode node;
    node.entry.path = path_of(i);
    node.entry.size = size_of(i);
    node.layer = static_cast<int>(i % 3);
    model.layers[static_cast<size_t>(node.layer)].stats.size += node.entry.size;
    model.metrics.final_size += node.entry.size;
    ++model.metrics.files;
    model.filesystem.emplace(node.entry.path, std::move(node));
  }
  model.metrics.size = model.metrics.final_size;
  return model;
}

std::string Render(const analysis::ImageModel& model) {
  std::ostringstream out;
  RenderImageHtml(model, {}, analysis::FinalFilesystemTree(model), analysis::BreakDownLayers(model, 100), out);
  return out.str();
}

TEST(RenderImageHtml, AHundredThousandFilesStayUnderThreeMegabytes) {
  // Python-like: 2,000 packages of 50 modules, sizes spread from 1 byte to 200 kB.
  const auto python = ManyFiles(
      100000, [](size_t i) { return 1 + (i * 7919) % 200000; },
      [](size_t i) {
        return fmt::format("/usr/lib/python3/dist-packages/some_package_{:04}/submodule/module_{:03}.py", i / 50, i % 50);
      });
  const std::string python_page = Render(python);
  EXPECT_LT(python_page.size(), kMaxReport);
  RecordProperty("python_bytes", std::to_string(python_page.size()));
  // The worst kind: 7,700 files of 1 MB (just below the threshold's cap of 8192) that must be
  // drawn, each in a directory of its own with twelve small files, long names.
  const auto mixed = ManyFiles(
      100000, [](size_t i) { return i % 13 == 0 ? 1'000'000 : 900 + i % 1000; },
      [](size_t i) {
        return fmt::format("/opt/vendor/application-with-a-long-name/component_{:05}/file_with_a_long_name_{:06}.dat",
                           i / 13, i);
      });
  const analysis::SizeTree tree = analysis::FinalFilesystemTree(mixed);
  EXPECT_EQ(tree.root.bytes, mixed.metrics.final_size);
  EXPECT_EQ(tree.shown_files, 7693u);
  EXPECT_LE(tree.shown_files, analysis::kMaxShownFiles);
  const std::string mixed_page = Render(mixed);
  EXPECT_LT(mixed_page.size(), kMaxReport);
  RecordProperty("mixed_bytes", std::to_string(mixed_page.size()));
  // 100,000 files of one size, all in one directory: all small, one aggregate per layer.
  const auto flat = ManyFiles(100000, [](size_t) { return 4096; }, [](size_t i) { return fmt::format("/data/f{}", i); });
  EXPECT_LT(Render(flat).size(), 100'000u);
}

TEST(RenderImageHtml, EmbedsTheAnalyzeJsonDocumentOnce) {
  analysis::ImageModel model = testing::InMemoryImage().Layer("ADD x").File("/a", 10).Build();
  std::ostringstream json;
  report::RenderImageJson(model, {}, json);
  std::string document = json.str();
  document.pop_back();  // the newline
  const std::string page = Render(model);
  const std::string block = "<script type=\"application/json\" id=\"slimage-report\">" + EscapeJsonForScript(document) + "</script>";
  const size_t at = page.find(block);
  ASSERT_NE(at, std::string::npos) << page;
  EXPECT_EQ(page.find(block, at + 1), std::string::npos);
  EXPECT_NE(page.find("<script type=\"application/json\" id=\"slimage-tree\">{\"threshold\":1,"), std::string::npos);
}

TEST(RenderImageHtml, HostileNamesStayInsideTheirJsonStrings) {
  analysis::ImageModel model = testing::InMemoryImage()
                                   .Layer("RUN echo '</script><script>alert(1)</script>'")
                                   .File("/srv/</script><script>alert(1)</script>", 100)
                                   .File("/srv/quote\"'", 100)
                                   .File("/srv/new\nline", 100)
                                   .File("/srv/bad\xff", 100)
                                   .Build();
  const std::string page = Render(model);
  size_t scripts = 0;
  for (size_t at = page.find("<script"); at != std::string::npos; at = page.find("<script", at + 1)) ++scripts;
  EXPECT_EQ(scripts, 5u);  // two data blocks, three scripts: nothing a name opened
  EXPECT_EQ(page.find("alert(1)</script>"), std::string::npos);
  // a name has no '/': the path is the directories "<" and "script><script>alert(1)<" and the file "script>"
  EXPECT_NE(page.find(R"({"n":"script\u003e\u003cscript\u003ealert(1)\u003c","s":100,"f":1,)"), std::string::npos);
  EXPECT_NE(page.find(R"(alert(1)\u003c/script\u003e)"), std::string::npos);  // the instruction, in the report
  EXPECT_NE(page.find(R"({"n":"quote\"'")"), std::string::npos);
  EXPECT_NE(page.find(R"({"n":"new\nline")"), std::string::npos);
  EXPECT_NE(page.find("{\"n\":\"bad\xef\xbf\xbd\",\"n_base64\":\"YmFk/w==\""), std::string::npos);  // U+FFFD + the bytes
}

}  // namespace
}  // namespace slimage::html
