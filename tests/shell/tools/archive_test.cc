#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;

TEST(ArchiveRecognizer, TarSpellings) {
  auto analysis = Analyze(
      "tar -xzf /tmp/x.tar.gz -C /opt && tar xf y.tar && tar --extract --file=z.tar.xz --directory /z && "
      "curl -sL u | tar -xj && tar -czf out.tgz dir && tar -tf list.tar");
  ASSERT_EQ(analysis.extractions.size(), 4u);
  const auto& e = analysis.extractions;
  EXPECT_EQ(e[0].tool, "tar");
  EXPECT_EQ(e[0].archive, "/tmp/x.tar.gz");
  EXPECT_EQ(e[0].directory, "/opt");
  EXPECT_EQ(e[1].archive, "y.tar");
  EXPECT_FALSE(e[1].directory.has_value());
  EXPECT_EQ(e[2].archive, "z.tar.xz");
  EXPECT_EQ(e[2].directory, "/z");
  EXPECT_EQ(e[3].archive, "-");
}

TEST(ArchiveRecognizer, Unzip) {
  auto analysis = Analyze("unzip -q app.zip -d /app && unzip -l listing.zip");
  ASSERT_EQ(analysis.extractions.size(), 1u);
  EXPECT_EQ(analysis.extractions[0].tool, "unzip");
  EXPECT_EQ(analysis.extractions[0].archive, "app.zip");
  EXPECT_EQ(analysis.extractions[0].directory, "/app");
}

}  // namespace
}  // namespace slimage::shell
