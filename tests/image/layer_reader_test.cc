#include "image/layer_reader.h"

#include <gtest/gtest.h>

#include "support/image_builder.h"

namespace slimage::image {
namespace {

using slimage::testing::File;
using slimage::testing::MakeTar;

const LayerEntry* Find(const LayerContents& contents, const std::string& path) {
  for (const auto& entry : contents.entries) {
    if (entry.path == path) return &entry;
  }
  return nullptr;
}

TEST(LayerReaderTest, KeepsTheLoaderConfigurationAndNoOtherBytes) {
  LayerDescriptor layer;
  layer.blob = MakeMemorySource(MakeTar({File("etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n"),
                                         File("etc/ld.so.conf.d/vendor.conf", "/opt/vendor/lib\n"),
                                         File("etc/ld-musl-x86_64.path", "/lib:/usr/lib\n"),
                                         File("etc/passwd", "root:x:0:0::/root:/bin/sh\n"),
                                         File("etc/ld.so.conf.d/huge.conf", std::string(kMaxKeptText + 1, '/'))}),
                                "layer.tar");
  auto contents = ReadLayer(layer, "layer", {});
  ASSERT_TRUE(contents) << contents.error().message;
  EXPECT_EQ(Find(*contents, "/etc/ld.so.conf")->text, "include /etc/ld.so.conf.d/*.conf\n");
  EXPECT_EQ(Find(*contents, "/etc/ld.so.conf.d/vendor.conf")->text, "/opt/vendor/lib\n");
  EXPECT_EQ(Find(*contents, "/etc/ld-musl-x86_64.path")->text, "/lib:/usr/lib\n");
  EXPECT_EQ(Find(*contents, "/etc/passwd")->text, "");
  EXPECT_EQ(Find(*contents, "/etc/ld.so.conf.d/huge.conf")->text, "");  // over the cap: not kept
  EXPECT_EQ(Find(*contents, "/etc/ld.so.conf.d/huge.conf")->size, kMaxKeptText + 1);
}

}  // namespace
}  // namespace slimage::image

namespace slimage::image {
namespace {

TEST(LayerReaderTest, KeepsPackageDatabasesOnlyWhenAsked) {
  LayerDescriptor layer;
  const std::string status = "Package: vim\nStatus: install ok installed\nVersion: 2:9.0\nInstalled-Size: 4000\n";
  layer.blob = MakeMemorySource(
      MakeTar({slimage::testing::File("var/lib/dpkg/status", status),
               slimage::testing::File("usr/lib/python3/site-packages/six-1.16.0.dist-info/METADATA", "Name: six\n"),
               slimage::testing::File("app/node_modules/@types/node/package.json", "{\"name\":\"@types/node\"}"),
               slimage::testing::File("app/node_modules/left-pad/lib/package.json", "{}"),
               slimage::testing::File("etc/passwd", "root:x:0:0::/root:/bin/sh\n")}),
      "layer.tar");
  auto plain = ReadLayer(layer, "layer", {});
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(Find(*plain, "/var/lib/dpkg/status")->text, "");  // analyze keeps no package bytes
  LayerReadOptions options;
  options.keep_package_databases = true;
  auto kept = ReadLayer(layer, "layer", options);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_EQ(Find(*kept, "/var/lib/dpkg/status")->text, status);
  EXPECT_EQ(Find(*kept, "/usr/lib/python3/site-packages/six-1.16.0.dist-info/METADATA")->text, "Name: six\n");
  EXPECT_EQ(Find(*kept, "/app/node_modules/@types/node/package.json")->text, "{\"name\":\"@types/node\"}");
  EXPECT_EQ(Find(*kept, "/app/node_modules/left-pad/lib/package.json")->text, "");  // not a package's own
  EXPECT_EQ(Find(*kept, "/etc/passwd")->text, "");
}

TEST(LayerEntryTest, PackageDatabasePaths) {
  EXPECT_TRUE(IsPackageDatabase("/var/lib/dpkg/status"));
  EXPECT_TRUE(IsPackageDatabase("/var/lib/dpkg/status.d/libc6"));
  EXPECT_FALSE(IsPackageDatabase("/var/lib/dpkg/status-old"));
  EXPECT_FALSE(IsPackageDatabase("/var/lib/dpkg/status.d/x/y"));
  EXPECT_TRUE(IsPackageDatabase("/lib/apk/db/installed"));
  EXPECT_TRUE(IsPackageDatabase("/usr/lib/sysimage/rpm/rpmdb.sqlite"));
  EXPECT_TRUE(IsPackageDatabase("/var/lib/rpm/rpmdb.sqlite"));
  EXPECT_FALSE(IsPackageDatabase("/var/lib/rpm/rpmdb.sqlite-wal"));
  EXPECT_TRUE(IsPackageDatabase("/usr/lib/python3.11/site-packages/pip-23.0.dist-info/RECORD"));
  EXPECT_FALSE(IsPackageDatabase("/usr/lib/python3.11/site-packages/pip/METADATA"));
  EXPECT_TRUE(IsPackageDatabase("/app/node_modules/express/package.json"));
  EXPECT_TRUE(IsPackageDatabase("/app/node_modules/a/node_modules/b/package.json"));
  EXPECT_TRUE(IsPackageDatabase("/app/node_modules/@scope/name/package.json"));
  EXPECT_FALSE(IsPackageDatabase("/app/node_modules/@scope/package.json"));
  EXPECT_FALSE(IsPackageDatabase("/app/package.json"));
}

}  // namespace
}  // namespace slimage::image
