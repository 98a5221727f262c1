#include "image/tar_index.h"

#include <gtest/gtest.h>

#include "support/image_builder.h"

namespace slimage::image {
namespace {

using testing::File;
using testing::MakeTar;

std::string ReadMember(const TarIndex& index, const std::string& name) {
  auto source = index.Open(name);
  EXPECT_TRUE(source.ok());
  if (!source.ok() || !*source) return "(none)";
  auto bytes = ReadAll(**source, 1u << 20);
  return bytes.ok() ? *bytes : "(error)";
}

TEST(TarIndex, MembersAreSlicesOfTheArchive) {
  std::string long_name = std::string(130, 'n') + "/" + std::string(110, 'm');
  auto index = TarIndex::Build(MakeMemorySource(
      MakeTar({File("./a.json", "{}"), File(long_name, "long"), testing::Symlink("dir/link", "../a.json"),
               testing::Hardlink("hard", "a.json")}),
      "outer.tar"));
  ASSERT_TRUE(index.ok()) << index.error().message;
  EXPECT_EQ(ReadMember(*index, "a.json"), "{}");
  EXPECT_EQ(ReadMember(*index, long_name), "long");
  EXPECT_EQ(ReadMember(*index, "dir/link"), "{}");
  EXPECT_EQ(ReadMember(*index, "hard"), "{}");
  EXPECT_EQ(ReadMember(*index, "missing"), "(none)");
  auto escaping = index->Open("../x");
  ASSERT_FALSE(escaping.ok());
  EXPECT_EQ(escaping.error().message, "outer.tar: member ../x points outside the archive");
}

TEST(TarIndex, NormalisesNames) {
  bool escapes = false;
  EXPECT_EQ(NormaliseMemberName("./a//b/../c/", &escapes), "a/c");
  EXPECT_FALSE(escapes);
  EXPECT_EQ(NormaliseMemberName("a/../../b", &escapes), "b");
  EXPECT_TRUE(escapes);
}

}  // namespace
}  // namespace slimage::image
