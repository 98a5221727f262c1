#include "analysis/tool_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/tool_table.h"
#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using ::testing::IsEmpty;
using slimage::testing::InMemoryImage;

TEST(ToolTableTest, NamePatterns) {
  EXPECT_TRUE(MatchesToolName("gcc-12", "gcc-#"));
  EXPECT_FALSE(MatchesToolName("gcc-ar", "gcc-#"));
  EXPECT_TRUE(MatchesToolName("emacs-28", "emacs*"));
  EXPECT_FALSE(MatchesToolName("vimdiff", "vim"));
  EXPECT_TRUE(MatchesToolName("clang-15.0", "clang-#"));
}

// Regression, found by the integration test's Debian base: dpkg's bookkeeping for the
// gcc-12-base package (no compiler in it) was reported as a C/C++ compiler.
TEST(ToolchainsTest, Gcc12BasePackageFilesAreNotACompiler) {
  EXPECT_FALSE(MatchesToolName("gcc-12-base:amd64.md5sums", "gcc-#"));
  EXPECT_FALSE(MatchesToolName("gcc-12-base:amd64.list", "gcc-#"));
  const auto model = InMemoryImage()
                         .Layer("ADD rootfs.tar /")
                         .File("/var/lib/dpkg/info/gcc-12-base:amd64.md5sums", 305)
                         .File("/var/lib/dpkg/info/gcc-12-base:amd64.list", 234)
                         .Build();
  EXPECT_THAT(CheckToolchains(model, 10), IsEmpty());
}

TEST(ToolchainsTest, CompilerGoAndStaticLibraries) {
  const ImageModel model = InMemoryImage()
                               .Layer("RUN apt-get install -y build-essential")
                               .File("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", 30000000)
                               .File("/usr/bin/x86_64-linux-gnu-gcc-12", 1000000)
                               .Symlink("/usr/bin/gcc", "gcc-12")
                               .File("/usr/include/stdio.h", 30000)
                               .File("/usr/lib/x86_64-linux-gnu/libc.a", 6000000)
                               .Layer("COPY --from=golang /usr/local/go /usr/local/go")
                               .File("/usr/local/go/bin/go", 15000000)
                               .File("/usr/local/go/pkg/linux_amd64/fmt.a", 500000)  // Go's, not "static libraries"
                               .Build();
  const std::vector<ImageFinding> findings = CheckToolchains(model, 3);
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].rule, "IM203");
  EXPECT_EQ(findings[0].message, "build toolchain in the image: C/C++ compiler (2 files)");
  EXPECT_EQ(findings[0].path, "/usr/lib/gcc/x86_64-linux-gnu/12/cc1");
  EXPECT_EQ(findings[0].layer, 0);
  EXPECT_EQ(findings[1].message, "build toolchain in the image: Go toolchain (2 files)");
  EXPECT_EQ(findings[1].layer, 1);
  EXPECT_EQ(findings[2].message, "build toolchain in the image: static libraries (1 file)");
  EXPECT_EQ(findings[3].message, "build toolchain in the image: C headers (1 file)");
}

TEST(ToolchainsTest, RuntimeImageHasNone) {
  const ImageModel model = InMemoryImage()
                               .Layer("FROM distroless")
                               .File("/usr/lib/x86_64-linux-gnu/libc.so.6", 2000000)
                               .File("/usr/bin/gcc-wrapper.sh", 10)  // not gcc-<digit>
                               .File("/app/ccache.txt", 10)
                               .Build();
  EXPECT_THAT(CheckToolchains(model, 3), IsEmpty());
}

TEST(DebugToolsTest, ReportsToolsWithTheirData) {
  const ImageModel model = InMemoryImage()
                               .Layer("FROM debian")
                               .File("/usr/bin/less", 180000)
                               .Layer("RUN apt-get install -y vim git")
                               .File("/usr/bin/vim.basic", 3800000)
                               .Symlink("/usr/bin/vi", "/etc/alternatives/vi")
                               .File("/usr/share/vim/vim90/syntax/c.vim", 200000)
                               .File("/usr/bin/git", 3500000)
                               .File("/usr/lib/git-core/git-remote-http", 1500000)
                               .Build();
  const std::vector<ImageFinding> findings = CheckDebugTools(model, {"less"}, 5);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "IM204");
  EXPECT_EQ(findings[0].path, "/usr/bin/git");
  EXPECT_EQ(findings[0].bytes, 5000000u);
  EXPECT_EQ(findings[0].layer, 1);
  EXPECT_EQ(findings[0].message, "debug tool in the image: git (/usr/bin/git)");
  EXPECT_EQ(findings[0].details.back(),
            "allow it with `allow-packages: [git]` in .slimage.yaml, or ship it in a separate debug target");
  EXPECT_EQ(findings[1].message, "debug tool in the image: vim (/usr/bin/vim.basic)");
}

TEST(DebugToolsTest, BusyboxLinksAliasesAndHealthcheckCurl) {
  const ImageModel model = InMemoryImage()
                               .Layer("FROM alpine")
                               .File("/bin/busybox", 800000)
                               .Symlink("/bin/vi", "/bin/busybox")
                               .Symlink("/bin/ps", "/bin/busybox")
                               .Layer("RUN apk add curl bind-tools")
                               .File("/usr/bin/curl", 250000)
                               .File("/usr/bin/dig", 150000)
                               .File("/usr/share/gdb/python/x.py", 10)  // data without the tool
                               .ConfigJson(R"({"config": {"Healthcheck": {"Test": ["CMD", "curl", "-f", "http://localhost/"]}}})")
                               .Build();
  EXPECT_THAT(CheckDebugTools(model, {"bind-tools"}, 5), IsEmpty());
  const std::vector<ImageFinding> findings = CheckDebugTools(model, {}, 5);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "debug tool in the image: dnsutils (/usr/bin/dig)");
}

}  // namespace
}  // namespace slimage::analysis
