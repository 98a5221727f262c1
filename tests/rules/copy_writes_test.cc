#include "rules/copy_writes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::rules {
namespace {

namespace fs = std::filesystem;

CopyInput Copy(std::vector<std::string> sources, std::string destination, std::string located,
               std::string context_dir = "") {
  return CopyInput{std::move(sources), std::move(destination), std::move(located), std::move(context_dir), false,
                   false};
}

bool Hits(const CopyInput& input, std::string_view removed) {
  for (const CopyWrite& write : CopyWrites(input)) {
    if (RemovalHits(removed, write)) return true;
  }
  return false;
}

TEST(CopyWritesTest, FileSourceWritesOnlyItsLandingPath) {
  CopyInput input = Copy({"app.conf"}, "/", "/");
  EXPECT_TRUE(Hits(input, "/app.conf"));
  EXPECT_FALSE(Hits(input, "/var/cache/foo"));
  CopyInput named = Copy({"big.tar.gz"}, "/opt/app.tgz", "/opt/app.tgz");
  EXPECT_TRUE(Hits(named, "/opt/app.tgz"));
  EXPECT_TRUE(Hits(named, "/opt"));  // a parent of the written file
  EXPECT_TRUE(Hits(named, "/opt/*"));
  EXPECT_FALSE(Hits(named, "/opt/other"));
}

TEST(CopyWritesTest, GuessedDirectoryNeverClaimsTheRoot) {
  EXPECT_FALSE(Hits(Copy({"rootfs"}, "/", "/"), "/var/cache/foo"));
  EXPECT_TRUE(Hits(Copy({"src"}, "/app/", "/app"), "/app/tests"));
  EXPECT_TRUE(Hits(Copy({"."}, "/", "/"), "/var/cache/foo"));     // the whole context
  EXPECT_TRUE(Hits(Copy({"etc/"}, "/", "/"), "/etc/nginx/x"));   // written as a directory
}

TEST(CopyWritesTest, GlobSourceWritesMatchingNames) {
  CopyInput input = Copy({"*.jar"}, "/app/", "/app");
  EXPECT_TRUE(Hits(input, "/app/service.jar"));
  EXPECT_FALSE(Hits(input, "/app/config.yml"));
}

TEST(CopyWritesTest, LooksSourcesUpInTheBuildContext) {
  fs::path context = fs::temp_directory_path() / "slimage_copy_writes_test";
  fs::remove_all(context);
  fs::create_directories(context / "lib" / "tests");
  std::ofstream(context / "src") << "a file without an extension\n";
  std::ofstream(context / "lib" / "tests" / "a.py") << "\n";
  std::ofstream(context / "data.d") << "\n";

  CopyInput file = Copy({"src"}, "/app/", "/app", context.string());
  EXPECT_TRUE(Hits(file, "/app/src"));
  EXPECT_FALSE(Hits(file, "/app/other"));  // without the context, `src` would be a directory
  EXPECT_TRUE(Hits(Copy({"lib"}, "/app/", "/app", context.string()), "/app/tests"));
  EXPECT_TRUE(Hits(Copy({"lib"}, "/", "/", context.string()), "/tests"));  // known directory
  EXPECT_FALSE(Hits(Copy({"/src"}, "/", "/", context.string()), "/var/lib/x"));  // context-relative
  CopyInput from_stage = Copy({"src"}, "/app/", "/app", context.string());
  from_stage.from_stage = true;  // not in the context: guessed a directory
  EXPECT_TRUE(Hits(from_stage, "/app/other"));
  fs::remove_all(context);
}

TEST(CopyWritesTest, AddExtractsLocalArchivesAndDownloadsUrls) {
  CopyInput archive = Copy({"rootfs.tar.gz"}, "/", "/");
  archive.is_add = true;
  EXPECT_TRUE(Hits(archive, "/usr/share/doc"));
  CopyInput url = Copy({"https://example.com/tool.tar.gz?x=1"}, "/tmp/", "/tmp");
  url.is_add = true;
  EXPECT_TRUE(Hits(url, "/tmp/tool.tar.gz"));
  EXPECT_FALSE(Hits(url, "/tmp/other"));
}

TEST(CopyWritesTest, DestinationWithoutSlashMayBeAnExistingFolder) {
  CopyInput input = Copy({"app.jar"}, "/app", "/app");
  EXPECT_TRUE(Hits(input, "/app"));
  EXPECT_TRUE(Hits(input, "/app/app.jar"));
  EXPECT_FALSE(Hits(input, "/app/other.jar"));
}

TEST(CopyWritesTest, ContextPathOfMapsAnImagePathBackToItsSource) {
  CopyInput tree = Copy({"./scripts/"}, "/usr/local/bin/", "/usr/local/bin", "/ctx");
  std::vector<CopyWrite> writes = CopyWrites(tree);
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(ContextPathOf(tree, writes[0], "/usr/local/bin/healthcheck"), "/ctx/scripts/healthcheck");
  EXPECT_EQ(ContextPathOf(tree, writes[0], "/usr/local/bin"), "/ctx/scripts");
  EXPECT_EQ(ContextPathOf(tree, writes[0], "/usr/bin/healthcheck"), std::nullopt);

  CopyInput files = Copy({"a.sh", "conf/b.sh"}, "/", "/", "/ctx");
  std::vector<std::string> found;
  for (const CopyWrite& write : CopyWrites(files)) {
    if (auto path = ContextPathOf(files, write, "/b.sh")) found.push_back(*path);
  }
  EXPECT_EQ(found, std::vector<std::string>{"/ctx/conf/b.sh"});  // the source that lands there

  CopyInput glob = Copy({"bin/*.sh"}, "/app/", "/app", "/ctx");
  EXPECT_EQ(ContextPathOf(glob, CopyWrites(glob).at(0), "/app/run.sh"), "/ctx/bin/run.sh");
  EXPECT_EQ(ContextPathOf(Copy({"."}, "/", "/", "/ctx"), CopyWrite{"/", true, 0}, "/entrypoint.sh"),
            "/ctx/entrypoint.sh");

  CopyInput from_stage = Copy({"/out/"}, "/app/", "/app", "/ctx");
  from_stage.from_stage = true;
  EXPECT_EQ(ContextPathOf(from_stage, CopyWrites(from_stage).at(0), "/app/x"), std::nullopt);
  CopyInput no_context = Copy({"a.sh"}, "/a.sh", "/a.sh");
  EXPECT_EQ(ContextPathOf(no_context, CopyWrites(no_context).at(0), "/a.sh"), std::nullopt);
}

}  // namespace
}  // namespace slimage::rules
