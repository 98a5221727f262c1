#include "analysis/waste_checks.h"

#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/image_builder.h"
#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using slimage::testing::Compress;
using slimage::testing::Dir;
using slimage::testing::File;
using slimage::testing::InMemoryImage;
using slimage::testing::TarItem;
using slimage::testing::TestImage;
using slimage::testing::TestLayer;

// A model read from real layer tars (the image builder's docker save archive).
ImageModel FromLayers(const std::vector<TestLayer>& layers) {
  TestImage image;
  image.layers = layers;
  Expected<ImageModel> model = slimage::testing::ModelFromArchive(slimage::testing::MakeDockerArchive(image));
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model).value() : ImageModel{};
}

std::string Bytes(size_t count, char fill) { return std::string(count, fill); }

std::vector<std::string> Paths(const std::vector<ImageFinding>& findings) {
  std::vector<std::string> paths;
  for (const ImageFinding& finding : findings) paths.push_back(finding.path);
  return paths;
}

// Every IM101 and IM102 path, with the rule that listed it (details are "PATH SIZE").
std::multimap<std::string, std::string> ListedPaths(const std::vector<ImageFinding>& findings) {
  std::multimap<std::string, std::string> listed;
  for (const ImageFinding& finding : findings) {
    for (const std::string& detail : finding.details) {
      if (detail.empty() || detail.front() != '/') continue;
      listed.emplace(detail.substr(0, detail.find(' ')), finding.rule);
    }
  }
  return listed;
}

TEST(WastedBytesTest, DeletedInALaterLayer) {
  const ImageModel model = InMemoryImage()
                               .Layer("RUN apt-get update")
                               .Dir("/var/lib/apt/lists")
                               .File("/var/lib/apt/lists/a_Packages", 40000000)
                               .File("/var/lib/apt/lists/b_Packages", 5000000)
                               .File("/keep", 7)
                               .Layer("RUN rm -rf /var/lib/apt/lists")
                               .Whiteout("/var/lib/apt/lists")
                               .Build();
  const std::vector<ImageFinding> findings = CheckWastedBytes(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  const ImageFinding& finding = findings[0];
  EXPECT_EQ(finding.rule, "IM101");
  EXPECT_EQ(finding.severity, Severity::kWarning);
  EXPECT_EQ(finding.bytes, 45000000u);  // the directory's summary is not counted twice
  EXPECT_EQ(finding.layer, 0);
  EXPECT_EQ(finding.path, "/var/lib/apt/lists");
  EXPECT_EQ(finding.message,
            "wasted: written by layer 0 (RUN apt-get update) and hidden (deleted) by layer 1 "
            "(RUN rm -rf /var/lib/apt/lists)");
  // The directory is listed once, not each file beneath it.
  EXPECT_THAT(finding.details, ElementsAre("/var/lib/apt/lists 45.0 MB"));
}

TEST(WastedBytesTest, OverwrittenAndOpaqueFromDifferentLayersAreSeparateFindings) {
  const ImageModel model = InMemoryImage()
                               .Layer("A")
                               .File("/app/x", 1000)
                               .Dir("/data")
                               .File("/data/y", 3000)
                               .Layer("B")
                               .File("/app/x", 1000, 77)  // new content (the same would be IM102's)
                               .Layer("C")
                               .Opaque("/data")
                               .Build();
  const std::vector<ImageFinding> findings = CheckWastedBytes(model, 10);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].bytes, 3000u);  // largest first
  EXPECT_EQ(findings[0].path, "/data/y");
  EXPECT_EQ(findings[0].message, "wasted: written by layer 0 (A) and hidden (opaque-dir) by layer 2 (C)");
  EXPECT_EQ(findings[1].bytes, 1000u);
  EXPECT_EQ(findings[1].message, "wasted: written by layer 0 (A) and hidden (overwritten) by layer 1 (B)");
}

TEST(WastedBytesTest, NothingHiddenNothingReported) {
  const ImageModel model = InMemoryImage().Layer("A").File("/a", 5).Layer("B").File("/b", 5).Build();
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
}

TEST(DuplicatedContentTest, ChownAfterCopyStoresTheFileAgain) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY data /data")
                               .File("/data/model.bin", 20000000, 42, 0644, 0)
                               .File("/data/other", 10, 43)
                               .Layer("RUN chown -R app /data")
                               .File("/data/model.bin", 20000000, 42, 0644, 1000)
                               .Build();
  const std::vector<ImageFinding> findings = CheckDuplicatedContent(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "IM102");
  EXPECT_EQ(findings[0].bytes, 20000000u);
  EXPECT_EQ(findings[0].layer, 1);
  EXPECT_EQ(findings[0].path, "/data/model.bin");
  EXPECT_EQ(findings[0].message,
            "stored twice: layer 1 (RUN chown -R app /data) rewrote the same content with a new owner that "
            "layer 0 (COPY data /data) already holds");
  EXPECT_THAT(findings[0].details,
              ElementsAre("/data/model.bin 20.0 MB", "stored again by layer 1 (RUN chown -R app /data)"));
}

TEST(DuplicatedContentTest, LookAlikesAreNotDuplicates) {
  const ImageModel model = InMemoryImage()
                               .Layer("A")
                               .File("/changed", 100, 1)
                               .File("/deleted", 100, 2)
                               .Layer("B")
                               .File("/changed", 100, 9)  // same size, new content
                               .Whiteout("/deleted")
                               .Layer("C")
                               .File("/deleted", 100, 2)  // back after a delete: not a rewrite
                               .Build();
  EXPECT_THAT(CheckDuplicatedContent(model, 10), IsEmpty());
}

TEST(DuplicatedContentTest, IdenticalRecopy) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY a /a")
                               .File("/a", 5000, 7)
                               .Layer("COPY a /a")
                               .File("/a", 5000, 7)
                               .Build();
  const std::vector<ImageFinding> findings = CheckDuplicatedContent(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "stored twice: layer 1 (COPY a /a) rewrote identical files that layer 0 (COPY a /a) already holds");
}

// --- package bookkeeping (issue 16: IM101 fired on every apt-based image) ---------------------

TarItem Mode(TarItem item, uint32_t mode) {
  item.mode = mode;
  return item;
}

// What debootstrap leaves of dpkg, apt, debconf and ld.so, plus one program.
TestLayer DebianBase() {
  return {{Dir("etc"), Dir("usr"), Dir("usr/bin"), Dir("var"), Dir("var/lib"), Dir("var/lib/dpkg"),
           Dir("var/lib/dpkg/info"), Dir("var/lib/dpkg/triggers"), Dir("var/lib/apt"), Dir("var/cache"),
           Dir("var/cache/debconf"), Dir("var/log"), Dir("var/log/apt"),
           File("var/lib/dpkg/status", Bytes(3000, 's')), File("var/lib/dpkg/status-old", Bytes(2900, 'o')),
           File("var/lib/dpkg/info/base-files.list", Bytes(400, 'b')),
           File("var/lib/dpkg/info/libc6.list", Bytes(900, 'c')),
           File("var/lib/dpkg/info/libc6.md5sums", Bytes(800, 'm')),
           File("var/lib/dpkg/triggers/File", Bytes(30, 't')), File("var/lib/dpkg/triggers/Unincorp", ""),
           File("var/lib/apt/extended_states", Bytes(100, 'e')),
           File("var/cache/debconf/config.dat", Bytes(500, 'd')),
           File("var/cache/debconf/templates.dat", Bytes(9000, 'T')),
           File("var/log/dpkg.log", Bytes(7000, 'l')), File("var/log/alternatives.log", Bytes(200, 'a')),
           File("var/log/apt/history.log", Bytes(300, 'h')), File("var/log/apt/term.log", Bytes(600, 'r')),
           File("etc/ld.so.cache", Bytes(5000, 'L')), File("etc/passwd", Bytes(900, 'p')),
           File("etc/group", Bytes(450, 'g')), File("usr/bin/ls", Bytes(2000, 'x'))},
          Compress::kGzip,
          "/bin/sh -c #(nop) ADD file:3a1b2c in / "};
}
constexpr uint64_t kDebianBookkeeping = 3000 + 2900 + 900 + 30 + 100 + 500 + 9000 + 7000 + 200 + 300 + 600 + 5000;

// `apt-get install --no-install-recommends less && rm -rf /var/lib/apt/lists/*`: dpkg
// rewrites its database and libc6's file list (unchanged), ldconfig the same cache.
std::vector<TarItem> AptInstallLess() {
  return {Dir("var/lib/dpkg"), Dir("var/lib/dpkg/info"), Dir("var/lib/apt"), Dir("var/lib/apt/lists"),
          Dir("var/lib/apt/lists/partial"), File("var/lib/apt/lists/lock", ""),
          File("var/lib/dpkg/status", Bytes(3200, 'S')), File("var/lib/dpkg/status-old", Bytes(3000, 's')),
          File("var/lib/dpkg/info/libc6.list", Bytes(900, 'c')),
          File("var/lib/dpkg/info/less.list", Bytes(300, 'v')),
          File("var/lib/dpkg/info/less.md5sums", Bytes(300, 'w')),
          File("var/lib/dpkg/triggers/File", Bytes(31, 'u')),
          File("var/lib/apt/extended_states", Bytes(140, 'E')),
          File("var/cache/debconf/config.dat", Bytes(500, 'D')),
          File("var/cache/debconf/templates.dat", Bytes(9100, 't')),
          File("var/log/dpkg.log", Bytes(9000, 'k')), File("var/log/alternatives.log", Bytes(260, 'A')),
          File("var/log/apt/history.log", Bytes(500, 'H')), File("var/log/apt/term.log", Bytes(1600, 'R')),
          File("etc/ld.so.cache", Bytes(5000, 'L')), Mode(File("usr/bin/less", Bytes(1500, 'y')), 0755)};
}

TEST(PackageBookkeepingTest, RegressionIm101FiredOnTheIdealAptInstall) {
  const ImageModel model =
      FromLayers({DebianBase(), {AptInstallLess(), Compress::kGzip,
                                 "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends less "
                                 "&& rm -rf /var/lib/apt/lists/*"}});
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
  // libc6.list and ld.so.cache came back byte for byte: not "stored twice" either.
  EXPECT_THAT(CheckDuplicatedContent(model, 10), IsEmpty());
  // Every hidden byte still counts: the image totals do not change.
  EXPECT_EQ(model.metrics.wasted, kDebianBookkeeping);
  EXPECT_EQ(model.layers[0].stats.wasted, kDebianBookkeeping);
}

TEST(PackageBookkeepingTest, RealWasteBesideTheBookkeepingIsReportedAlone) {
  std::vector<TarItem> upgrade = AptInstallLess();
  upgrade.push_back(Mode(File("usr/bin/ls", Bytes(2100, 'X')), 0755));  // a newer coreutils
  const ImageModel model = FromLayers({DebianBase(), {upgrade, Compress::kNone, "RUN apt-get upgrade -y"}});
  const std::vector<ImageFinding> findings = CheckWastedBytes(model, 10);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].bytes, 2000u);
  EXPECT_EQ(findings[0].path, "/usr/bin/ls");
  EXPECT_EQ(findings[0].details, std::vector<std::string>{"/usr/bin/ls 2.0 kB"});
  EXPECT_EQ(model.metrics.wasted, kDebianBookkeeping + 2000);
}

TEST(PackageBookkeepingTest, TwoAptLayersAndUseraddAreNotWaste) {
  // A second install on top of the first rewrites the first one's bookkeeping; `useradd`
  // rewrites the account files of the base.
  const ImageModel model = FromLayers(
      {DebianBase(),
       {AptInstallLess(), Compress::kNone, "RUN apt-get install -y less"},
       {{Dir("var/lib/dpkg"), File("var/lib/dpkg/status", Bytes(3500, 'Z')),
         File("var/lib/dpkg/status-old", Bytes(3200, 'S')), File("var/log/dpkg.log", Bytes(9900, 'j')),
         File("var/log/apt/history.log", Bytes(700, 'q')), File("etc/ld.so.cache", Bytes(5200, 'M')),
         File("usr/bin/curl", Bytes(700, 'C'))},
        Compress::kNone,
        "RUN apt-get install -y curl"},
       {{File("etc/passwd", Bytes(950, 'P')), File("etc/passwd-", Bytes(900, 'p')),
         File("etc/group", Bytes(470, 'G')), File("etc/group-", Bytes(450, 'g'))},
        Compress::kNone,
        "RUN useradd --system app"}});
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
  EXPECT_THAT(CheckDuplicatedContent(model, 10), IsEmpty());
  EXPECT_GT(model.layers[1].stats.wasted, 0u);
}

TEST(PackageBookkeepingTest, AlpineApkAddIsNotWaste) {
  const ImageModel model = FromLayers(
      {{{Dir("etc"), Dir("etc/apk"), Dir("lib"), Dir("lib/apk"), Dir("lib/apk/db"), Dir("bin"),
         File("lib/apk/db/installed", Bytes(12000, 'i')), File("lib/apk/db/scripts.tar", Bytes(8000, 's')),
         File("lib/apk/db/triggers", Bytes(100, 't')), File("lib/apk/db/lock", ""),
         File("etc/apk/world", Bytes(40, 'w')), File("etc/apk/repositories", Bytes(100, 'r')),
         Mode(File("bin/busybox", Bytes(5000, 'b')), 0755)},
        Compress::kGzip,
        "/bin/sh -c #(nop) ADD file:9e1d in / "},
       {{Dir("lib/apk/db"), File("lib/apk/db/installed", Bytes(15000, 'I')),
         File("lib/apk/db/scripts.tar", Bytes(8500, 'S')), File("lib/apk/db/triggers", Bytes(100, 't')),
         File("etc/apk/world", Bytes(45, 'W')), Dir("usr"), Dir("usr/bin"),
         Mode(File("usr/bin/curl", Bytes(3000, 'c')), 0755)},
        Compress::kGzip,
        "/bin/sh -c apk add --no-cache curl"}});
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
  EXPECT_THAT(CheckDuplicatedContent(model, 10), IsEmpty());  // /lib/apk/db/triggers came back unchanged
  EXPECT_EQ(model.metrics.wasted, 12000u + 8000 + 100 + 40);
}

TEST(PackageBookkeepingTest, FedoraDnfInstallIsNotWaste) {
  const ImageModel model = FromLayers(
      {{{Dir("etc"), Dir("usr"), Dir("usr/bin"), Dir("usr/lib"), Dir("usr/lib/sysimage"),
         Dir("usr/lib/sysimage/rpm"), Dir("var"), Dir("var/lib"), Dir("var/lib/dnf"), Dir("var/log"),
         Dir("var/cache"), Dir("var/cache/ldconfig"),
         File("usr/lib/sysimage/rpm/rpmdb.sqlite", Bytes(50000, 'r')),
         File("usr/lib/sysimage/rpm/rpmdb.sqlite-shm", Bytes(32768, 'h')),
         File("var/lib/dnf/history.sqlite", Bytes(20000, 'd')), File("var/log/dnf.log", Bytes(3000, 'l')),
         File("var/log/dnf.rpm.log", Bytes(400, 'm')), File("var/log/dnf.librepo.log", Bytes(900, 'n')),
         File("var/log/hawkey.log", Bytes(200, 'k')), File("etc/ld.so.cache", Bytes(6000, 'L')),
         File("var/cache/ldconfig/aux-cache", Bytes(1000, 'a')), Mode(File("usr/bin/bash", Bytes(4000, 'b')), 0755)},
        Compress::kGzip,
        "ADD fedora-40-x86_64.tar.xz / "},
       {{Dir("usr/lib/sysimage/rpm"), File("usr/lib/sysimage/rpm/rpmdb.sqlite", Bytes(52000, 'R')),
         File("usr/lib/sysimage/rpm/.wh.rpmdb.sqlite-shm", ""),  // rpm removes it on close
         File("var/lib/dnf/history.sqlite", Bytes(24000, 'D')), File("var/log/dnf.log", Bytes(5000, 'L')),
         File("var/log/dnf.rpm.log", Bytes(600, 'M')), File("var/log/dnf.librepo.log", Bytes(1200, 'N')),
         File("var/log/hawkey.log", Bytes(300, 'K')), File("etc/ld.so.cache", Bytes(6100, 'l')),
         File("var/cache/ldconfig/aux-cache", Bytes(1100, 'A')), Mode(File("usr/bin/ps", Bytes(900, 'p')), 0755)},
        Compress::kGzip,
        "RUN dnf install -y procps-ng && dnf clean all"}});
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
  EXPECT_EQ(model.metrics.wasted, 50000u + 32768 + 20000 + 3000 + 400 + 900 + 200 + 6000 + 1000);
}

// --- one cause, one finding (issue 16: COPY + chown -R was IM101 and IM102) ---------------------

TEST(WasteFindingsTest, RegressionChownAfterCopyWasReportedTwice) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY data /data")
                               .File("/data/model.bin", 20000000, 42, 0644, 0)
                               .Layer("RUN chown -R app /data")
                               .File("/data/model.bin", 20000000, 42, 0644, 1000)
                               .Build();
  EXPECT_THAT(CheckWastedBytes(model, 10), IsEmpty());
  EXPECT_THAT(Paths(CheckDuplicatedContent(model, 10)), ElementsAre("/data/model.bin"));
}

TEST(WasteFindingsTest, NoPathOrByteIsInTwoFindings) {
  // chmod -R rewrites /app/a and /app/b unchanged (IM102) while the same RUN appends to
  // /app/conf (IM101) and dpkg's status comes back unchanged (bookkeeping).
  const ImageModel model = FromLayers(
      {{{Dir("app"), File("app/a", Bytes(3000, 'a')), File("app/b", Bytes(1000, 'b')),
         File("app/conf", Bytes(500, 'c')), Dir("var"), Dir("var/lib"), Dir("var/lib/dpkg"),
         File("var/lib/dpkg/status", Bytes(700, 's'))},
        Compress::kNone,
        "COPY app /app # buildkit"},
       {{Dir("app"), Mode(File("app/a", Bytes(3000, 'a')), 0664), Mode(File("app/b", Bytes(1000, 'b')), 0664),
         File("app/conf", Bytes(501, 'C')), Dir("var/lib/dpkg"), File("var/lib/dpkg/status", Bytes(700, 's'))},
        Compress::kNone,
        "RUN chmod -R g+w /app && echo >> /app/conf && apt-get install -y tini"}});
  std::vector<ImageFinding> findings = CheckWastedBytes(model, 10);
  for (ImageFinding& finding : CheckDuplicatedContent(model, 10)) findings.push_back(std::move(finding));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "IM101");
  EXPECT_EQ(findings[0].path, "/app/conf");
  EXPECT_EQ(findings[0].bytes, 500u);
  EXPECT_EQ(findings[0].message,
            "wasted: written by layer 0 (COPY app /app) and hidden (overwritten) by layer 1 (RUN chmod -R g+w "
            "/app && echo >> /app/conf && apt-get install -y tini)");
  EXPECT_EQ(findings[1].rule, "IM102");
  EXPECT_EQ(findings[1].bytes, 4000u);
  EXPECT_EQ(findings[1].path, "/app/a");
  const std::multimap<std::string, std::string> listed = ListedPaths(findings);
  for (const auto& [path, rule] : listed) {
    EXPECT_EQ(listed.count(path), 1u) << path << " is in more than one finding";
  }
  EXPECT_EQ(listed.size(), 3u);  // /app/conf, /app/a, /app/b
  // Each hidden byte is in at most one finding; all of them but dpkg's status (rewritten
  // unchanged: bookkeeping, in nobody's) are in one.
  uint64_t reported = 0;
  for (const ImageFinding& finding : findings) reported += finding.bytes;
  EXPECT_EQ(reported + 700, model.metrics.wasted);
}

}  // namespace
}  // namespace slimage::analysis
