#include "packages/inventory.h"

#include <gtest/gtest.h>

#include "support/in_memory_image.h"
#include "support/rpmdb_builder.h"

namespace slimage::packages {
namespace {

using testing::InMemoryImage;

const Package* Find(const PackageInventory& inventory, const std::string& manager, const std::string& name) {
  for (const Package& package : inventory.packages) {
    if (package.manager == manager && package.name == name) return &package;
  }
  return nullptr;
}

TEST(InventoryTest, ReadsEveryManagerFromTheFinalFilesystem) {
  const std::string rpmdb = testing::MakeRpmdbSqlite(
      {testing::MakeRpmHeader({"bash", "5.2.26", "3.fc40", std::nullopt, "x86_64", 8000000})});
  InMemoryImage image;
  image.Layer("base")
      .Text("/var/lib/dpkg/status", "Package: old\nVersion: 1\nInstalled-Size: 1\n")
      .Text("/lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nI:622592\n")
      .Text("/usr/lib/sysimage/rpm/rpmdb.sqlite", rpmdb)
      .Text("/usr/lib/python3/dist-packages/Typing_Extensions-4.7.1.dist-info/METADATA",
            "Name: Typing_Extensions\nVersion: 4.7.1\n")
      .Text("/usr/lib/python3/dist-packages/Typing_Extensions-4.7.1.dist-info/RECORD", "typing_extensions.py,,1000\n")
      .Text("/app/node_modules/express/package.json", R"({"name":"express","version":"4.18.2"})")
      .File("/app/node_modules/express/index.js", 5000)
      .Text("/app/node_modules/express/node_modules/debug/package.json", R"({"name":"debug","version":"2.6.9"})")
      .File("/app/node_modules/express/node_modules/debug/index.js", 700)
      .Text("/srv/node_modules/debug/package.json", R"({"name":"debug","version":"4.3.4"})");
  // The last layer that writes a database wins.
  image.Layer("RUN apt-get install vim")
      .Text("/var/lib/dpkg/status", "Package: vim\nStatus: install ok installed\nVersion: 2:9.0\nInstalled-Size: 3900\n");
  const PackageInventory inventory = ReadPackages(image.Build());
  EXPECT_TRUE(inventory.problems.empty());
  EXPECT_EQ(Find(inventory, "dpkg", "old"), nullptr);
  ASSERT_NE(Find(inventory, "dpkg", "vim"), nullptr);
  EXPECT_EQ(Find(inventory, "dpkg", "vim")->size, 3900u * 1024);
  ASSERT_NE(Find(inventory, "apk", "musl"), nullptr);
  ASSERT_NE(Find(inventory, "rpm", "bash"), nullptr);
  EXPECT_EQ(Find(inventory, "rpm", "bash")->version, "5.2.26-3.fc40");
  ASSERT_NE(Find(inventory, "pip", "typing-extensions"), nullptr);  // PEP 503 name
  EXPECT_EQ(Find(inventory, "pip", "typing-extensions")->size, 1000u);
  ASSERT_NE(Find(inventory, "npm", "express"), nullptr);
  // Its files, its package.json, not the nested node_modules.
  EXPECT_EQ(Find(inventory, "npm", "express")->size, 5000u + std::string(R"({"name":"express","version":"4.18.2"})").size());
  ASSERT_NE(Find(inventory, "npm", "debug"), nullptr);
  EXPECT_EQ(Find(inventory, "npm", "debug")->version, "2.6.9, 4.3.4");  // two copies, one row
  EXPECT_EQ(inventory.packages.size(), 6u);
}

TEST(InventoryTest, AMalformedDatabaseIsAProblemAndTheOthersAreStillRead) {
  InMemoryImage image;
  image.Layer("base")
      .Text("/var/lib/dpkg/status", "Package: a\nInstalled-Size: many\n")
      .Text("/lib/apk/db/installed", "P:musl\nV:1\n")
      .Text("/usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3 but not really")
      .File("/app/node_modules/big/package.json", 1000);  // bytes not kept
  const PackageInventory inventory = ReadPackages(image.Build());
  ASSERT_EQ(inventory.problems.size(), 3u);
  EXPECT_EQ(inventory.problems[0].manager, "npm");
  EXPECT_EQ(inventory.problems[0].message, "not read: 1.0 kB is over the 67.1 MB cap on kept package database bytes");
  EXPECT_EQ(inventory.problems[1].manager, "rpm");
  EXPECT_EQ(inventory.problems[1].message, "not an SQLite database");
  EXPECT_EQ(inventory.problems[2].manager, "dpkg");
  EXPECT_EQ(inventory.problems[2].path, "/var/lib/dpkg/status");
  EXPECT_EQ(inventory.problems[2].message, "package a: Installed-Size 'many' is not a number");
  ASSERT_EQ(inventory.packages.size(), 1u);
  EXPECT_EQ(inventory.packages[0].name, "musl");
}

}  // namespace
}  // namespace slimage::packages
