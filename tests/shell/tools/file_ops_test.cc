#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(FileOperationRecognizer, RmInsideIf) {
  auto analysis = Analyze("if [ -f x ]; then rm -rf /var/lib/apt/lists/*; fi");
  ASSERT_EQ(analysis.files.size(), 1u);
  const auto& rm = analysis.files[0];
  EXPECT_EQ(rm.kind, FileOperationKind::kRemove);
  EXPECT_TRUE(rm.recursive);
  EXPECT_TRUE(rm.force);
  EXPECT_EQ(rm.paths, Strings{"/var/lib/apt/lists/*"});
  EXPECT_TRUE(analysis.script.commands[rm.command_index].conditional);
}

TEST(FileOperationRecognizer, RmSpellings) {
  auto analysis = Analyze("rm -f a && rm --recursive --force b c && rm -- -weird");
  ASSERT_EQ(analysis.files.size(), 3u);
  EXPECT_FALSE(analysis.files[0].recursive);
  EXPECT_TRUE(analysis.files[0].force);
  EXPECT_TRUE(analysis.files[1].recursive);
  EXPECT_EQ(analysis.files[1].paths, (Strings{"b", "c"}));
  EXPECT_EQ(analysis.files[2].paths, Strings{"-weird"});
}

// Regression (issue 16): `find … -delete` and `find … -exec rm` were no removal, so SL309 reported
// caches that such a RUN had deleted.
TEST(FileOperationRecognizer, FindRemovals) {
  auto analysis = Analyze(
      "find /usr/local/bundle/cache -name '*.gem' -delete && "
      "find -L /root/.cache/go-build /tmp -mindepth 1 -exec rm -rf {} + && "
      "find /usr/local/cargo/registry -type f -exec /bin/rm {} \\; && "
      "find . -name '*.pyc' -delete && find -delete && "
      "find /srv -name '*.log' -print && find /srv -exec sh -c 'rm -rf \"$1\"' _ {} \\; && "
      "find /a \\( -name x \\) -ok rm -r {} \\;");
  ASSERT_EQ(analysis.files.size(), 6u);
  const auto& f = analysis.files;
  for (const auto& operation : f) {
    EXPECT_EQ(operation.kind, FileOperationKind::kRemove);
    EXPECT_TRUE(operation.by_find);
  }
  EXPECT_EQ(f[0].paths, Strings{"/usr/local/bundle/cache"});
  EXPECT_TRUE(f[0].recursive);
  EXPECT_EQ(f[1].paths, (Strings{"/root/.cache/go-build", "/tmp"}));
  EXPECT_TRUE(f[1].recursive);
  EXPECT_TRUE(f[1].force);
  EXPECT_EQ(f[2].paths, Strings{"/usr/local/cargo/registry"});
  EXPECT_FALSE(f[2].recursive);
  EXPECT_FALSE(f[2].force);
  EXPECT_EQ(f[3].paths, Strings{"."});
  EXPECT_EQ(f[4].paths, Strings{"."});  // no starting point: the current directory
  EXPECT_EQ(f[5].paths, Strings{"/a"});
  EXPECT_TRUE(f[5].recursive);
  EXPECT_FALSE(Analyze("rm -rf /x").files[0].by_find);
}

TEST(FileOperationRecognizer, ChownChmodMkdirCd) {
  auto analysis = Analyze(
      "chown -R app:app /app /data && chmod -R 755 /app && chmod -x /bin/tool && chmod u+x,g-w f && "
      "mkdir -p -m 700 /a/b && cd /app");
  ASSERT_EQ(analysis.files.size(), 6u);
  const auto& f = analysis.files;
  EXPECT_EQ(f[0].kind, FileOperationKind::kChown);
  EXPECT_TRUE(f[0].recursive);
  EXPECT_EQ(f[0].owner_or_mode, "app:app");
  EXPECT_EQ(f[0].paths, (Strings{"/app", "/data"}));
  EXPECT_EQ(f[1].kind, FileOperationKind::kChmod);
  EXPECT_TRUE(f[1].recursive);
  EXPECT_EQ(f[1].owner_or_mode, "755");
  EXPECT_EQ(f[2].owner_or_mode, "-x");  // a mode, not an option
  EXPECT_FALSE(f[2].recursive);
  EXPECT_EQ(f[2].paths, Strings{"/bin/tool"});
  EXPECT_EQ(f[3].owner_or_mode, "u+x,g-w");
  EXPECT_EQ(f[4].kind, FileOperationKind::kMkdir);
  EXPECT_TRUE(f[4].recursive);
  EXPECT_EQ(f[4].owner_or_mode, "700");
  EXPECT_EQ(f[4].paths, Strings{"/a/b"});
  EXPECT_EQ(f[5].kind, FileOperationKind::kChdir);
  EXPECT_EQ(f[5].paths, Strings{"/app"});
}

TEST(FileOperationRecognizer, LookAlikes) {
  EXPECT_TRUE(Analyze("echo rm -rf / && printf 'chmod 777 x' && git rm file").files.empty());
}

}  // namespace
}  // namespace slimage::shell
