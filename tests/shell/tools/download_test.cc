#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(DownloadRecognizer, CurlOutputs) {
  auto analysis = Analyze(
      "curl -fsSLo /tmp/x.tar.gz https://e.com/x.tar.gz && curl -O https://e.com/a/b.zip?sig=1 && "
      "curl -sL https://e.com/y > y.tgz && curl -fsSL https://e.com/z.tgz | tar -xz -C /opt && "
      "curl -H 'Accept: x' --output-dir /d --remote-name https://e.com/w.bin");
  ASSERT_EQ(analysis.downloads.size(), 5u);
  const auto& d = analysis.downloads;
  EXPECT_EQ(d[0].tool, "curl");
  EXPECT_EQ(d[0].urls, Strings{"https://e.com/x.tar.gz"});
  EXPECT_EQ(d[0].output_path, "/tmp/x.tar.gz");
  EXPECT_EQ(d[1].output_path, "b.zip");
  EXPECT_EQ(d[2].output_path, "y.tgz");
  EXPECT_FALSE(d[2].to_stdout);
  EXPECT_TRUE(d[3].to_stdout);
  EXPECT_FALSE(d[3].output_path.has_value());
  EXPECT_EQ(analysis.script.commands[d[3].command_index].connector, Connector::kPipe);
  EXPECT_EQ(d[4].urls, Strings{"https://e.com/w.bin"});
  EXPECT_EQ(d[4].output_path, "/d/w.bin");
}

TEST(DownloadRecognizer, Wget) {
  auto analysis = Analyze(
      "wget -q -O /tmp/a.tgz https://e.com/a.tgz && wget -nv -P /dl https://e.com/b.tgz && "
      "wget -qO- https://e.com/c.tgz | tar xz");
  ASSERT_EQ(analysis.downloads.size(), 3u);
  EXPECT_EQ(analysis.downloads[0].output_path, "/tmp/a.tgz");
  EXPECT_EQ(analysis.downloads[1].output_path, "/dl/b.tgz");
  EXPECT_EQ(analysis.downloads[1].urls, Strings{"https://e.com/b.tgz"});
  EXPECT_TRUE(analysis.downloads[2].to_stdout);
}

TEST(DownloadRecognizer, LookAlikes) {
  EXPECT_TRUE(Analyze("echo curl https://x && apk add curl wget && which curl").downloads.empty());
}

}  // namespace
}  // namespace slimage::shell
