#include "analysis/loader_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/elf_builder.h"
#include "support/image_builder.h"
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

// --- only what this image's kernel would start (issue 16: IM301 on a FreeBSD test ELF) ---------

constexpr uint16_t kEm386 = 3;
constexpr uint16_t kEmAarch64 = 183;
constexpr uint8_t kOsAbiGnu = 3;
constexpr uint8_t kOsAbiFreeBsd = 9;

TEST(IsStartableOnTest, TheImagesMachineAndOsAbiOnly) {
  const image::ElfInfo exe = DynamicX8664({"libc.so.6"});
  EXPECT_TRUE(IsStartableOn(exe, "amd64"));
  EXPECT_TRUE(IsStartableOn(exe, ""));  // no architecture in the config: nothing to compare
  EXPECT_FALSE(IsStartableOn(exe, "arm64"));
  EXPECT_FALSE(IsStartableOn(exe, "wasm"));  // no machine known for it: nothing is its own
  image::ElfInfo gnu = exe;
  gnu.os_abi = kOsAbiGnu;
  EXPECT_TRUE(IsStartableOn(gnu, "amd64"));
  image::ElfInfo freebsd = exe;
  freebsd.os_abi = kOsAbiFreeBsd;
  EXPECT_FALSE(IsStartableOn(freebsd, "amd64"));
  EXPECT_FALSE(IsStartableOn(freebsd, ""));
  image::ElfInfo arm64 = exe;
  arm64.machine = kEmAarch64;
  EXPECT_TRUE(IsStartableOn(arm64, "arm64"));
  EXPECT_FALSE(IsStartableOn(arm64, "amd64"));
  image::ElfInfo x86 = exe;
  x86.machine = kEm386;
  x86.is_64_bit = false;
  EXPECT_TRUE(IsStartableOn(x86, "386"));
  EXPECT_FALSE(IsStartableOn(x86, "amd64"));
  image::ElfInfo ppc = exe;
  ppc.machine = 21;  // EM_PPC64, in both byte orders
  EXPECT_TRUE(IsStartableOn(ppc, "ppc64le"));
  ppc.little_endian = false;
  EXPECT_FALSE(IsStartableOn(ppc, "ppc64le"));
  EXPECT_TRUE(IsStartableOn(ppc, "ppc64"));
  image::ElfInfo s390x = exe;
  s390x.machine = 22;
  s390x.little_endian = false;
  EXPECT_TRUE(IsStartableOn(s390x, "s390x"));
  image::ElfInfo riscv = exe;
  riscv.machine = 243;
  EXPECT_TRUE(IsStartableOn(riscv, "riscv64"));
  image::ElfInfo arm = x86;
  arm.machine = 40;
  EXPECT_TRUE(IsStartableOn(arm, "arm"));
  // Types: a relocatable or core file never starts; a library without PT_INTERP is not a program.
  image::ElfInfo relocatable = exe;
  relocatable.type = 1;
  EXPECT_FALSE(IsStartableOn(relocatable, "amd64"));
  image::ElfInfo executable = exe;
  executable.type = 2;
  EXPECT_TRUE(IsStartableOn(executable, "amd64"));
  EXPECT_FALSE(IsStartableOn(SharedLibraryX8664({"libc.so.6"}), "amd64"));
  EXPECT_FALSE(IsStartableOn(StaticX8664(), "amd64"));
}

TEST(MissingLibrariesTest, RegressionFreeBsdTestElfOfGoSourcesWasReported) {
  // Debian's golang-1.19-src ships debug/elf test data: an x86 FreeBSD executable whose
  // loader no Linux image has, and an aarch64 Linux one.
  image::ElfInfo freebsd = DynamicX8664({"libc.so.4"}, "/usr/libexec/ld-elf.so.1");
  freebsd.machine = kEm386;
  freebsd.is_64_bit = false;
  freebsd.os_abi = kOsAbiFreeBsd;
  freebsd.type = 2;
  image::ElfInfo aarch64 = DynamicX8664({"libc.so.6"}, "/lib/ld-linux-aarch64.so.1");
  aarch64.machine = kEmAarch64;
  const std::string testdata = "/usr/share/go-1.19/src/debug/elf/testdata/";
  const ImageModel model = DebianBase()
                               .Layer("RUN apt-get install -y golang-1.19-src")
                               .Elf(testdata + "gcc-386-freebsd-exec", freebsd)
                               .Elf(testdata + "go-relocation-test-gcc620-aarch64", aarch64)
                               .Elf("/usr/bin/broken", DynamicX8664({"libgone.so.1", "libc.so.6"}))
                               .Architecture("amd64")
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);  // the image's own executable is still checked
  EXPECT_EQ(findings[0].path, "/usr/bin/broken");
}

TEST(MissingLibrariesTest, ForeignElfInARealLayerIsNotChecked) {
  // Real ELF bytes, read by the scanner from a layer tar: EM_386 + FreeBSD OS ABI with a
  // PT_INTERP, an aarch64 GNU/Linux one, and a native x86-64 one whose loader is missing.
  slimage::testing::ElfSpec freebsd;
  freebsd.is_64_bit = false;
  freebsd.machine = kEm386;
  freebsd.os_abi = kOsAbiFreeBsd;
  freebsd.interpreter = "/usr/libexec/ld-elf.so.1";
  freebsd.needed = {"libc.so.7"};
  slimage::testing::ElfSpec aarch64;
  aarch64.machine = kEmAarch64;
  aarch64.os_abi = kOsAbiGnu;
  aarch64.type = 3;
  aarch64.interpreter = "/lib/ld-linux-aarch64.so.1";
  aarch64.needed = {"libc.so.6"};
  slimage::testing::ElfSpec native;
  native.type = 3;
  native.interpreter = "/lib64/ld-linux-x86-64.so.2";
  native.needed = {"libc.so.6"};
  auto file = [](const std::string& path, const slimage::testing::ElfSpec& spec) {
    const std::vector<std::byte> bytes = slimage::testing::BuildElf(spec);
    slimage::testing::TarItem item =
        slimage::testing::File(path, std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    item.mode = 0755;
    return item;
  };
  slimage::testing::TestImage image;  // the builder's config says amd64
  image.layers.push_back({{slimage::testing::Dir("testdata"), file("testdata/gcc-386-freebsd-exec", freebsd),
                           file("testdata/aarch64-exec", aarch64), file("server", native)},
                          slimage::testing::Compress::kNone,
                          "COPY . /"});
  Expected<ImageModel> model = slimage::testing::ModelFromArchive(slimage::testing::MakeDockerArchive(image));
  ASSERT_TRUE(model.ok()) << model.error().message;
  ASSERT_EQ(model->architecture, "amd64");
  const image::LayerEntry& scanned = model->filesystem.at("/testdata/gcc-386-freebsd-exec").entry;
  ASSERT_TRUE(scanned.elf.has_value());
  EXPECT_EQ(scanned.elf->os_abi, kOsAbiFreeBsd);
  EXPECT_EQ(scanned.elf->interpreter, "/usr/libexec/ld-elf.so.1");
  const std::vector<ImageFinding> findings = CheckMissingLibraries(*model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].path, "/server");
  EXPECT_EQ(findings[0].message, "/server cannot start: missing /lib64/ld-linux-x86-64.so.2 (interpreter), libc.so.6");
}

TEST(MissingLibrariesTest, Arm64ImageChecksItsOwnExecutables) {
  image::ElfInfo arm64 = DynamicX8664({"libc.so.6"}, "/lib/ld-linux-aarch64.so.1");
  arm64.machine = kEmAarch64;
  const ImageModel model = InMemoryImage()
                               .Layer("COPY . /")
                               .Elf("/app-arm64", arm64)
                               .Elf("/app-amd64", DynamicX8664({"libc.so.6"}))
                               .Architecture("arm64")
                               .Build();
  const std::vector<ImageFinding> findings = CheckMissingLibraries(model);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].path, "/app-arm64");
}

}  // namespace
}  // namespace slimage::analysis
