#include <gtest/gtest.h>

#include <sstream>

#include "report/image_report.h"
#include "support/in_memory_image.h"

namespace slimage::report {
namespace {

// Issue 16 item 5: names, created_by strings and findings from a hostile image are printed
// escaped (util/display_escape.h) by `analyze` and `history`, never raw.
analysis::ImageModel HostileImage() {
  const std::string name = "/app/\x1b]0;pwned\x07\n  IM999 error   forged\xff";
  analysis::ImageModel model = testing::InMemoryImage()
                                   .Layer("RUN \x1b[2J\u202etxt.exe \\ \xc2\x9b \x7f")
                                   .File(name, 100)
                                   .Layer("COPY caf\xc3\xa9 日本 🐳 /")
                                   .File(name, 50)
                                   .Build();
  model.source = "img\x1b[31m.tar";
  model.os = "linux\x1b";
  model.architecture = "amd64";
  model.layers[0].digest = "sha256:\x1b[31m\u2066abcdef0123";
  return model;
}

TEST(ImageText, HostileNamesAreEscaped) {
  analysis::ImageModel model = HostileImage();
  analysis::ImageFinding finding;
  finding.rule = "IM101";
  finding.severity = Severity::kWarning;
  finding.message = "overwritten: " + model.hidden.at(0).path;
  finding.details = {"\x1b[1mdetail\t\x01"};
  std::ostringstream out;
  RenderImageText(model, {finding}, 5, out);
  EXPECT_EQ(out.str(),
            "Image: img\\x1b[31m.tar\n"
            "  digest -  linux\\x1b/amd64\n"
            "  size 0 B (0 B compressed), final filesystem 0 B in 0 files\n"
            "  wasted 0 B, efficiency 100.00%\n"
            "  above the base (0 base layers): 0 B, wasted 0 B (0.0%)\n"
            "  shell: none\n"
            "\n"
            "  #  LAYER               SIZE  COMPRESSED      WASTED  CREATED BY\n"
            "  0  \\x1b[31m\\u2066abcd         0 B         0 B         0 B  RUN \\x1b[2J\\u202etxt.exe \\ \\u009b \\x7f\n"
            "  1  1                    0 B         0 B         0 B  COPY café 日本 🐳 /\n"
            "\n"
            "Top wasted paths:\n"
            "       100 B  /app/\\x1b]0;pwned\\x07\\n  IM999 error   forged\\xff  (written by #0, overwritten by #1)\n"
            "\n"
            "Findings: 1\n"
            "  IM101 warning overwritten: /app/\\x1b]0;pwned\\x07\\n  IM999 error   forged\\xff\n"
            "      \\x1b[1mdetail\\t\\x01\n");
}

TEST(ImageText, HistoryEscapesCreatedByAndDigests) {
  std::ostringstream out;
  RenderHistoryText(HostileImage(), out);
  EXPECT_EQ(out.str(),
            "LAYER               SIZE  COMPRESSED    ADDED  CHANGED  REMOVED      WASTED  CREATED BY\n"
            "1                    0 B         0 B        0        0        0         0 B  COPY café 日本 🐳 /\n"
            "\\x1b[31m\\u2066abcd         0 B         0 B        0        0        0         0 B  RUN \\x1b[2J\\u202etxt.exe \\ \\u009b \\x7f\n");
}

TEST(ImageText, LongCreatedByIsCutBetweenEscapes) {
  analysis::ImageModel model = testing::InMemoryImage().Layer(std::string(64, 'a') + "\x1b" "bbbbbbbb").Build();
  std::ostringstream out;
  RenderHistoryText(model, out);
  EXPECT_EQ(out.str(),
            "LAYER               SIZE  COMPRESSED    ADDED  CHANGED  REMOVED      WASTED  CREATED BY\n"
            "0                    0 B         0 B        0        0        0         0 B  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\n");
}

}  // namespace
}  // namespace slimage::report
