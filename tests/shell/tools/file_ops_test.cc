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
