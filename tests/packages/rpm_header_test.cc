#include "packages/rpm_header.h"

#include <gtest/gtest.h>

#include "support/rpmdb_builder.h"

namespace slimage::packages {
namespace {

std::span<const std::byte> Bytes(const std::string& text) {
  return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

TEST(RpmHeaderTest, ReadsNameEpochVersionReleaseArchAndSize) {
  const std::string blob = testing::MakeRpmHeader({"bash", "5.2.26", "3.fc40", 1, "x86_64", 8'123'456});
  std::string arch;
  auto package = ParseRpmHeader(Bytes(blob), &arch);
  ASSERT_TRUE(package) << package.error().message;
  EXPECT_EQ(package->manager, "rpm");
  EXPECT_EQ(package->name, "bash");
  EXPECT_EQ(package->version, "1:5.2.26-3.fc40");
  EXPECT_EQ(package->size, 8'123'456u);
  EXPECT_EQ(arch, "x86_64");
}

TEST(RpmHeaderTest, EveryTruncationIsAnErrorNotACrash) {
  const std::string blob = testing::MakeRpmHeader({"bash", "5.2.26", "3.fc40", std::nullopt, "x86_64", 1});
  for (size_t length = 0; length < blob.size(); ++length) {
    EXPECT_FALSE(ParseRpmHeader(Bytes(blob.substr(0, length)))) << length;
  }
}

TEST(RpmHeaderTest, OffsetsPastTheDataAreErrors) {
  std::string blob = testing::MakeRpmHeader({"bash", "5", "1", std::nullopt, "x86_64", 1});
  blob[8 + 8 + 3] = '\x7f';  // the NAME entry's offset
  EXPECT_EQ(ParseRpmHeader(Bytes(blob)).error().message.rfind("tag 1000: offset 127 is past the data", 0), 0u);
  std::string huge = blob;
  huge[0] = '\x7f';  // index count
  EXPECT_FALSE(ParseRpmHeader(Bytes(huge)));
}

}  // namespace
}  // namespace slimage::packages
