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

TEST(ArchiveRecognizer, DirectorySpellings) {
  auto analysis = Analyze(
      "tar -x -f a.tar --directory=/a && tar -xf b.tar --directory /b && bsdtar -xf c.zip -C /c && "
      "gtar xf d.tar -C/d");
  ASSERT_EQ(analysis.extractions.size(), 4u);
  const auto& e = analysis.extractions;
  EXPECT_EQ(e[0].directory, "/a");
  EXPECT_EQ(e[1].directory, "/b");
  EXPECT_EQ(e[2].tool, "bsdtar");
  EXPECT_EQ(e[2].archive, "c.zip");
  EXPECT_EQ(e[2].directory, "/c");
  EXPECT_EQ(e[3].tool, "gtar");
  EXPECT_EQ(e[3].directory, "/d");
}

TEST(ArchiveRecognizer, SevenZip) {
  auto analysis = Analyze(
      "7z x -y /tmp/tools.7z -o/opt/tools && 7za e pkg.zip -O\"out dir\" && 7zz x -- -odd.7z && 7z l list.7z && "
      "7z a new.7z dir && 7zr x");
  ASSERT_EQ(analysis.extractions.size(), 3u);
  const auto& e = analysis.extractions;
  EXPECT_EQ(e[0].tool, "7z");
  EXPECT_EQ(e[0].archive, "/tmp/tools.7z");
  EXPECT_EQ(e[0].directory, "/opt/tools");
  EXPECT_EQ(e[1].tool, "7za");
  EXPECT_EQ(e[1].archive, "pkg.zip");
  EXPECT_EQ(e[1].directory, "out dir");
  EXPECT_EQ(e[2].archive, "-odd.7z");  // after `--` a dash starts no switch
  EXPECT_FALSE(e[2].directory.has_value());
}

}  // namespace
}  // namespace slimage::shell
