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
