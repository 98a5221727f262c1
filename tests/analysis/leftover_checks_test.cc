#include "analysis/leftover_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using slimage::testing::InMemoryImage;

TEST(PackageCachesTest, AptListsAndDebsWithTheirLayer) {
  const ImageModel model = InMemoryImage()
                               .Layer("FROM debian")
                               .File("/var/cache/apt/archives/old.deb", 2000)
                               .Layer("RUN apt-get update && apt-get install -y curl")
                               .File("/var/lib/apt/lists/deb.debian.org_Packages.lz4", 9000000)
                               .File("/var/lib/apt/lists/lock", 0)
                               .File("/var/cache/apt/pkgcache.bin", 3000000)
                               .File("/var/cache/apt/archives/curl.deb", 300000)
                               .File("/var/cache/apt/archives/partial/x", 5)  // not a direct *.deb
                               .File("/var/cache/apt/other.txt", 5)          // not *.bin
                               .Build();
  const std::vector<ImageFinding> findings = CheckPackageCaches(model, 5);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].rule, "IM201");
  EXPECT_EQ(findings[0].path, "/var/lib/apt/lists");
  EXPECT_EQ(findings[0].bytes, 9000000u);
  EXPECT_EQ(findings[0].layer, 1);
  EXPECT_EQ(findings[0].message, "apt package lists left in the image (/var/lib/apt/lists)");
  EXPECT_EQ(findings[1].path, "/var/cache/apt");
  EXPECT_EQ(findings[1].bytes, 3000000u);
  EXPECT_EQ(findings[2].path, "/var/cache/apt/archives");
  EXPECT_EQ(findings[2].bytes, 302000u);
  EXPECT_EQ(findings[2].layer, 1);  // the layer that wrote most of it
  EXPECT_THAT(findings[2].details,
              ElementsAre("/var/cache/apt/archives/curl.deb 300.0 kB", "/var/cache/apt/archives/old.deb 2.0 kB",
                          "2.0 kB from layer 0 (FROM debian)",
                          "300.0 kB from layer 1 (RUN apt-get update && apt-get install -y curl)"));
}

TEST(PackageCachesTest, EmptyListsAndDeletedCachesAreNotReported) {
  const ImageModel model = InMemoryImage()
                               .Layer("RUN apt-get update")
                               .Dir("/var/lib/apt/lists")
                               .Dir("/var/lib/apt/lists/partial")
                               .File("/var/lib/apt/lists/lock", 0)
                               .File("/root/.cache/pip/wheels/x.whl", 5000)
                               .Layer("RUN rm -rf /root/.cache")
                               .Whiteout("/root/.cache")
                               .Build();
  EXPECT_THAT(CheckPackageCaches(model, 5), IsEmpty());
}

TEST(PackageCachesTest, HomeCachesPerUserAndTmp) {
  const ImageModel model = InMemoryImage()
                               .Layer("RUN pip install x")
                               .File("/root/.cache/pip/http/a", 1000)
                               .File("/home/app/.cache/pip/http/b", 2000)
                               .File("/home/app/.npm/_cacache/c", 3000)
                               .File("/tmp/build.log", 4000)
                               .File("/root/.cache/other/d", 5000)  // not a known cache
                               .Build();
  const std::vector<ImageFinding> findings = CheckPackageCaches(model, 5);
  ASSERT_EQ(findings.size(), 4u);
  EXPECT_EQ(findings[0].path, "/tmp");
  EXPECT_EQ(findings[0].message, "files in /tmp left in the image (/tmp)");
  EXPECT_EQ(findings[1].path, "/home/app/.npm/_cacache");
  EXPECT_EQ(findings[2].path, "/home/app/.cache/pip");
  EXPECT_EQ(findings[3].path, "/root/.cache/pip");
  EXPECT_EQ(findings[3].message, "pip cache left in the image (/root/.cache/pip)");
}

TEST(DocsTest, DocsManAndUnusedLocales) {
  const ImageModel model = InMemoryImage()
                               .Layer("FROM debian")
                               .File("/usr/share/doc/bash/copyright", 1000)
                               .File("/usr/share/man/man1/ls.1.gz", 3000)
                               .File("/usr/share/locale/de/LC_MESSAGES/x.mo", 500)
                               .File("/usr/share/locale/fr/LC_MESSAGES/x.mo", 700)
                               .File("/usr/share/locale/locale.alias", 100)  // not a locale
                               .ConfigJson(R"({"config": {"Env": ["LANG=de_DE.UTF-8"]}})")
                               .Build();
  const std::vector<ImageFinding> findings = CheckDocs(model, 5);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].rule, "IM202");
  EXPECT_EQ(findings[0].severity, Severity::kInfo);
  EXPECT_EQ(findings[0].message, "man pages (/usr/share/man)");
  EXPECT_EQ(findings[1].message, "documentation (/usr/share/doc)");
  EXPECT_EQ(findings[2].message, "translations of locales not in use (/usr/share/locale)");
}

TEST(DocsTest, DocsDeletedLaterAreNotReported) {
  const ImageModel model = InMemoryImage()
                               .Layer("FROM debian")
                               .File("/usr/share/doc/bash/copyright", 1000)
                               .Layer("RUN rm -rf /usr/share/doc")
                               .Whiteout("/usr/share/doc")
                               .Build();
  EXPECT_THAT(CheckDocs(model, 5), IsEmpty());
}

TEST(BuildLeftoversTest, GitPycacheAndTests) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY . /app")
                               .File("/app/.git/objects/pack/p.pack", 8000)
                               .File("/app/.git/HEAD", 20)
                               .File("/app/__pycache__/main.cpython-312.pyc", 300)
                               .File("/usr/lib/python3/site-packages/x/__pycache__/y.pyc", 300)  // fine
                               .File("/app/util.py", 10)
                               .File("/app/util.pyc", 200)
                               .File("/app/node_modules/left-pad/test/index.js", 50)
                               .File("/app/node_modules/.cache/babel/z", 600)
                               .File("/app/tests/test_main.py", 40)  // the app's own tests: not in a package
                               .Build();
  const std::vector<ImageFinding> findings = CheckBuildLeftovers(model, 5);
  ASSERT_EQ(findings.size(), 5u);
  EXPECT_EQ(findings[0].rule, "IM205");
  EXPECT_EQ(findings[0].path, "/app/.git");
  EXPECT_EQ(findings[0].bytes, 8020u);
  EXPECT_EQ(findings[0].message, ".git directories in 1 place");
  EXPECT_EQ(findings[1].path, "/app/node_modules/.cache");
  EXPECT_EQ(findings[2].path, "/app/__pycache__");
  EXPECT_EQ(findings[2].bytes, 300u);
  EXPECT_EQ(findings[3].path, "/app/util.pyc");
  EXPECT_EQ(findings[4].path, "/app/node_modules/left-pad/test");
  EXPECT_EQ(findings[4].message, "test folders in packages in 1 place");
}

// The component test (issue 17: it no longer builds "/name/" for every file) matches whole
// components only, anywhere after the first one.
TEST(BuildLeftoversTest, OnlyWholeComponentsMatch) {
  const ImageModel model = InMemoryImage()
                               .Layer("COPY . /app")
                               .File("/app/.gitignore", 100)
                               .File("/app/x.git/HEAD", 100)
                               .File("/app/.github/workflows/ci.yml", 100)
                               .File("/app/.git", 100)  // a file named .git (a worktree's pointer)
                               .File("/app/sub/.git/.git/HEAD", 30)
                               .File("/srv/node_modules/pkg/tests2/a.js", 100)
                               .File("/srv/node_modules/pkg/tests/a.js", 70)
                               .Build();
  const std::vector<ImageFinding> findings = CheckBuildLeftovers(model, 5);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].path, "/srv/node_modules/pkg/tests");
  EXPECT_EQ(findings[0].bytes, 70u);
  EXPECT_EQ(findings[1].path, "/app/sub/.git");
  EXPECT_EQ(findings[1].bytes, 30u);
}

}  // namespace
}  // namespace slimage::analysis
