#include "analysis/loader_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using slimage::testing::DynamicX8664;
using slimage::testing::SharedLibraryX8664;
using slimage::testing::StaticX8664;
using slimage::testing::InMemoryImage;

// A Debian-like base: merged /usr, the loader and libc in the multiarch directory.
InMemoryImage DebianBase() {
  InMemoryImage image;
  image.Layer("/bin/sh -c #(nop) ADD file:abc in / ")
      .Dir("/usr")
      .Dir("/usr/lib")
      .Dir("/usr/lib/x86_64-linux-gnu")
      .Symlink("/lib", "usr/lib")
      .Symlink("/lib64", "usr/lib64")
      .Dir("/usr/lib64")
      .Symlink("/usr/lib64/ld-linux-x86-64.so.2", "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
      .Elf("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", SharedLibraryX8664(), 200000)
      .Symlink("/usr/lib/x86_64-linux-gnu/libc.so.6", "libc-2.36.so")
      .Elf("/usr/lib/x86_64-linux-gnu/libc-2.36.so", SharedLibraryX8664(), 2000000);
  return image;
}

TEST(MissingLibrariesTest, DynamicBinaryWhoseLibsResolveThroughSymlinks) {
  // /lib64 -> usr/lib64, the loader is a relative symlink, libc.so.6 -> libc-2.36.so.
  const ImageModel model = DebianBase().Layer("COPY app /app").Elf("/app/server", DynamicX8664({"libc.so.6"})).Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

TEST(MissingLibrariesTest, StaticBinaryInScratchIsFine) {
  const ImageModel model = InMemoryImage().Layer("COPY app /app").Elf("/app", StaticX8664()).Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

TEST(MissingLibrariesTest, DynamicBinaryInScratchCannotStart) {
  const ImageModel model = InMemoryImage()
                               .EmptyLayer("ARG VERSION=1")
                               .Layer("COPY /out/server /server # buildkit")
                               .Elf("/server", DynamicX8664({"libc.so.6"}), 4096)
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  const ImageFinding& finding = findings[0];
  EXPECT_EQ(finding.rule, "IM301");
  EXPECT_EQ(finding.severity, Severity::kError);
  EXPECT_EQ(finding.layer, 1);  // history index: entry 0 is the ARG
  EXPECT_EQ(finding.path, "/server");
  EXPECT_EQ(finding.bytes, 4096u);
  EXPECT_EQ(finding.message, "/server cannot start: missing /lib64/ld-linux-x86-64.so.2 (interpreter), libc.so.6");
  EXPECT_THAT(finding.details, ElementsAre("missing program interpreter /lib64/ld-linux-x86-64.so.2",
                                           "missing library libc.so.6",
                                           "copied in by layer 1 (COPY /out/server /server)"));
}

TEST(MissingLibrariesTest, MissingLibraryOfALibraryNamesWhoNeedsIt) {
  const ImageModel model = DebianBase()
                               .Layer("COPY app /app")
                               .Elf("/usr/lib/x86_64-linux-gnu/libssl.so.3", SharedLibraryX8664({"libcrypto.so.3"}))
                               .Elf("/app/server", DynamicX8664({"libssl.so.3", "libc.so.6"}))
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "/app/server cannot start: missing libcrypto.so.3");
  EXPECT_EQ(findings[0].details[0],
            "missing library libcrypto.so.3 (needed by /usr/lib/x86_64-linux-gnu/libssl.so.3)");
}

TEST(MissingLibrariesTest, RunpathWithOriginAndRpath) {
  image::ElfInfo with_runpath = DynamicX8664({"libapp.so", "libc.so.6"});
  with_runpath.runpath = {"$ORIGIN/../lib"};
  image::ElfInfo with_rpath = DynamicX8664({"libapp.so", "libc.so.6"});
  with_rpath.rpath = {"/opt/app/lib"};
  image::ElfInfo with_nothing = DynamicX8664({"libapp.so", "libc.so.6"});
  const ImageModel model = DebianBase()
                               .Layer("COPY app /opt/app")
                               .Elf("/opt/app/lib/libapp.so", SharedLibraryX8664())
                               .Elf("/opt/app/bin/a", with_runpath)
                               .Elf("/opt/app/bin/b", with_rpath)
                               .Elf("/opt/app/bin/c", with_nothing)
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].path, "/opt/app/bin/c");
  EXPECT_EQ(findings[0].message, "/opt/app/bin/c cannot start: missing libapp.so");
}

TEST(MissingLibrariesTest, LdLibraryPathFromTheConfig) {
  const std::string config = R"({"config": {"Env": ["PATH=/usr/bin", "LD_LIBRARY_PATH=/opt/lib:/nowhere"]}})";
  const ImageModel model = DebianBase()
                               .Layer("COPY . /opt")
                               .Elf("/opt/lib/libapp.so", SharedLibraryX8664())
                               .Elf("/opt/bin/app", DynamicX8664({"libapp.so", "libc.so.6"}))
                               .ConfigJson(config)
                               .Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

TEST(MissingLibrariesTest, LibraryOfAnotherArchitectureDoesNotCount) {
  image::ElfInfo arm = SharedLibraryX8664();
  arm.machine = 183;  // EM_AARCH64
  const ImageModel model = DebianBase()
                               .Layer("COPY lib /usr/lib/x86_64-linux-gnu/")
                               .Elf("/usr/lib/x86_64-linux-gnu/libz.so.1", arm)
                               .Elf("/app", DynamicX8664({"libz.so.1", "libc.so.6"}))
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "/app cannot start: missing libz.so.1");
}

TEST(MissingLibrariesTest, LibraryDeletedByALaterLayerIsMissing) {
  const ImageModel model = DebianBase()
                               .Layer("COPY app /app")
                               .Elf("/app/server", DynamicX8664({"libc.so.6"}))
                               .Layer("RUN rm /usr/lib/x86_64-linux-gnu/libc-2.36.so")
                               .Whiteout("/usr/lib/x86_64-linux-gnu/libc-2.36.so")
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "/app/server cannot start: missing libc.so.6");  // a dangling symlink
  EXPECT_EQ(findings[0].layer, 1);
}

TEST(MissingLibrariesTest, SymlinkLoopsAndEscapesNeverResolve) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY . /")
                               .Symlink("/lib64", "/lib64/loop")
                               .Symlink("/lib/libc.so.6", "../../../../../etc/passwd")
                               .Elf("/app", DynamicX8664({"libc.so.6"}))
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "/app cannot start: missing /lib64/ld-linux-x86-64.so.2 (interpreter), libc.so.6");
}

TEST(MissingLibrariesTest, IncompleteDynamicSectionChecksOnlyTheInterpreter) {
  image::ElfInfo partial = DynamicX8664({"libunknown.so"});
  partial.dynamic_complete = false;
  const ImageModel model = DebianBase().Layer("COPY app /app").Elf("/app", partial).Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

InMemoryImage VendorApp() {
  InMemoryImage image = DebianBase();
  image.Layer("COPY . /")
      .Elf("/opt/vendor/lib/libv.so", SharedLibraryX8664())
      .Elf("/app", DynamicX8664({"libv.so", "libc.so.6"}));
  return image;
}

TEST(MissingLibrariesTest, LdSoConfIncludesAddTheirDirectories) {
  EXPECT_EQ(CheckMissingLibraries(VendorApp().Build()).size(), 1u);  // /opt/vendor/lib is not searched
  const ImageModel with_conf = VendorApp()
                                   .Text("/etc/ld.so.conf", "# comment\ninclude /etc/ld.so.conf.d/*.conf\n")
                                   .Text("/etc/ld.so.conf.d/vendor.conf", "  /opt/vendor/lib   # the vendor's\n")
                                   .Build();
  EXPECT_THAT(CheckMissingLibraries(with_conf), IsEmpty());
}

// Regression: before the loader's configuration was read, any ld.so.conf made a library found
// anywhere in the image count, so a config naming another directory hid a real IM301.
TEST(MissingLibrariesTest, LdSoConfNamingAnotherDirectoryStillReportsTheMissingLibrary) {
  const ImageModel model = VendorApp()
                               .Text("/etc/ld.so.conf", "include ld.so.conf.d/*.conf\n")
                               .Text("/etc/ld.so.conf.d/other.conf", "/opt/other/lib\n")
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message, "/app cannot start: missing libv.so");
}

TEST(MissingLibrariesTest, IncludesThatLoopStop) {
  const ImageModel model = VendorApp()
                               .Text("/etc/ld.so.conf", "include /etc/ld.so.conf\n/opt/vendor/lib\n")
                               .Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

// Regression: with a depth bound only, 12 files that each include the whole folder made
// 12^8 parses (a hostile image could hang the check); each file is now read once.
TEST(MissingLibrariesTest, ManyFilesIncludingTheSameGlobAreReadOnce) {
  InMemoryImage image = VendorApp();
  image.Text("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n");
  for (int i = 0; i < 12; ++i) {
    image.Text("/etc/ld.so.conf.d/" + std::to_string(i) + ".conf", "include /etc/ld.so.conf.d/*.conf\n/opt/vendor/lib\n");
  }
  const ImageModel model = image.Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

TEST(MissingLibrariesTest, MuslPathFile) {
  const ImageModel model = VendorApp().Text("/etc/ld-musl-x86_64.path", "/lib:/usr/local/lib\n/opt/vendor/lib\n").Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
}

TEST(MissingLibrariesTest, AConfigWhoseBytesWereNotKeptMakesALibraryAnywhereCount) {
  // Over the cap: its directories are unknown, so a library present somewhere is not reported.
  const ImageModel model = VendorApp().File("/etc/ld.so.conf", image::kMaxKeptText + 1).Build();
  EXPECT_THAT(CheckMissingLibraries(model), IsEmpty());
  const ImageModel cache_only = VendorApp().File("/etc/ld.so.cache", 9000).Build();
  EXPECT_THAT(CheckMissingLibraries(cache_only), IsEmpty());
}

TEST(DefaultLibraryDirsTest, MultiarchFirst) {
  EXPECT_THAT(DefaultLibraryDirs(62, true),
              ElementsAre("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib",
                          "/usr/lib", "/usr/local/lib"));
  EXPECT_THAT(DefaultLibraryDirs(183, true),
              ElementsAre("/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib",
                          "/usr/lib", "/usr/local/lib"));
}

TEST(ShellTest, ReportedOnlyWithoutAShell) {
  EXPECT_THAT(CheckShell(InMemoryImage().Layer("x").HasShell(true).Build()), IsEmpty());
  const std::vector<ImageFinding> findings = CheckShell(InMemoryImage().Layer("x").HasShell(false).Build());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "IM302");
  EXPECT_EQ(findings[0].severity, Severity::kInfo);
  EXPECT_EQ(findings[0].path, "/bin/sh");
  EXPECT_EQ(findings[0].message,
            "no shell in the image (/bin/sh absent): `docker exec … sh` will not work (see SL801)");
}

TEST(LargestFilesTest, TopNWithTheirLayer) {
  const ImageModel model = InMemoryImage()
                               .Layer("ADD rootfs /")
                               .File("/a", 10)
                               .File("/b", 3000)
                               .Layer("COPY big /big")
                               .File("/big", 2500000)
                               .File("/empty", 0)
                               .Build();
  const std::vector<ImageFinding> findings = CheckLargestFiles(model, 2);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].path, "/big");
  EXPECT_EQ(findings[0].bytes, 2500000u);
  EXPECT_EQ(findings[0].layer, 1);
  EXPECT_EQ(findings[0].message, "largest file #1: /big");
  EXPECT_THAT(findings[0].details, ElementsAre("written by layer 1 (COPY big /big)"));
  EXPECT_EQ(findings[1].path, "/b");
  EXPECT_EQ(findings[1].message, "largest file #2: /b");
  EXPECT_EQ(CheckLargestFiles(model, 10).size(), 3u);  // the empty file is not listed
}

}  // namespace
}  // namespace slimage::analysis
