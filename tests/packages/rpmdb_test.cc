#include "packages/rpmdb.h"

#include <gtest/gtest.h>

#include "support/rpmdb_builder.h"

namespace slimage::packages {
namespace {

using testing::MakeRpmHeader;
using testing::MakeRpmdbSqlite;

TEST(RpmdbTest, ReadsEveryPackageFromAnSqliteRpmdbInMemory) {
  const std::string db = MakeRpmdbSqlite({MakeRpmHeader({"glibc", "2.39", "5.fc40", std::nullopt, "x86_64", 6000000}),
                                          MakeRpmHeader({"glibc", "2.39", "5.fc40", std::nullopt, "i686", 5000000}),
                                          MakeRpmHeader({"bash", "5.2.26", "3.fc40", std::nullopt, "x86_64", 8000000})});
  auto packages = ReadRpmdbSqlite(db);
  ASSERT_TRUE(packages) << packages.error().message;
  ASSERT_EQ(packages->size(), 3u);
  EXPECT_EQ((*packages)[0].name, "glibc");
  EXPECT_EQ((*packages)[0].version, "2.39-5.fc40");
  EXPECT_EQ((*packages)[0].size, 6000000u);
  EXPECT_EQ((*packages)[1].name, "glibc.i686");  // multilib: the second architecture is named
  EXPECT_EQ((*packages)[2].name, "bash");
}

TEST(RpmdbTest, WalModeDatabasesAreRead) {
  std::string db = MakeRpmdbSqlite({MakeRpmHeader({"bash", "5", "1", std::nullopt, "x86_64", 1})});
  db[18] = 2;  // what rpm writes: journal_mode=WAL
  db[19] = 2;
  auto packages = ReadRpmdbSqlite(db);
  ASSERT_TRUE(packages) << packages.error().message;
  EXPECT_EQ(packages->size(), 1u);
}

TEST(RpmdbTest, MalformedDatabasesAreErrors) {
  EXPECT_EQ(ReadRpmdbSqlite("not sqlite").error().message, "not an SQLite database");
  std::string db = MakeRpmdbSqlite({std::string(2, '\0')});
  EXPECT_EQ(ReadRpmdbSqlite(db).error().message, "package 1: header blob of 2 bytes is too short");
  std::string truncated = MakeRpmdbSqlite({MakeRpmHeader({"bash", "5", "1", std::nullopt, "x86_64", 1})});
  truncated.resize(truncated.size() / 2);
  EXPECT_FALSE(ReadRpmdbSqlite(truncated));
}

}  // namespace
}  // namespace slimage::packages
