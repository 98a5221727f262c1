#include "analysis/check_support.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/in_memory_image.h"

namespace slimage::analysis {
namespace {

using slimage::testing::InMemoryImage;

TEST(CheckSupportTest, Paths) {
  EXPECT_TRUE(IsUnder("/a/b", "/a"));
  EXPECT_TRUE(IsUnder("/a", "/a"));
  EXPECT_FALSE(IsUnder("/ab", "/a"));
  EXPECT_TRUE(IsUnder("/x", "/"));
  EXPECT_EQ(BaseName("/usr/bin/env"), "env");
  EXPECT_EQ(DirName("/usr/bin/env"), "/usr/bin");
  EXPECT_EQ(DirName("/env"), "/");
}

TEST(CheckSupportTest, ShortInstructionDropsBuilderNoise) {
  EXPECT_EQ(ShortInstruction("/bin/sh -c apt-get update"), "RUN apt-get update");
  EXPECT_EQ(ShortInstruction("/bin/sh -c #(nop)  CMD [\"sh\"]"), "CMD [\"sh\"]");
  EXPECT_EQ(ShortInstruction("RUN /bin/sh -c make # buildkit"), "RUN make");
  EXPECT_EQ(ShortInstruction("COPY . /app # buildkit"), "COPY . /app");
  EXPECT_EQ(ShortInstruction("|1 V=2 /bin/sh -c echo $V"), "RUN echo $V");
  EXPECT_EQ(ShortInstruction("COPY abcdef /x", 6), "COPY a…");
}

TEST(FilesystemViewTest, FollowsSymlinksInsideTheImage) {
  const ImageModel model = InMemoryImage()
                               .Layer("base")
                               .Symlink("/lib", "usr/lib")
                               .File("/usr/lib/libz.so.1.2", 100)
                               .Symlink("/usr/lib/libz.so.1", "libz.so.1.2")
                               .Symlink("/usr/lib/up", "../../../../usr/lib/libz.so.1")
                               .Symlink("/loop", "/loop")
                               .File("/file", 1)
                               .Build();
  const FilesystemView view(model);
  const auto found = view.Resolve("/lib/libz.so.1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->path, "/usr/lib/libz.so.1.2");
  EXPECT_TRUE(view.IsFile("/lib/libz.so.1"));
  EXPECT_TRUE(view.IsFile("/usr/lib/up"));  // ".." stops at the root
  EXPECT_FALSE(view.IsFile("/loop"));
  EXPECT_FALSE(view.IsFile("/file/x"));     // a file is not a directory
  EXPECT_FALSE(view.IsFile("/usr/lib"));    // an implied directory exists but is no file
  ASSERT_TRUE(view.Resolve("/usr/lib").has_value());
  EXPECT_FALSE(view.Resolve("/nope").has_value());
}

}  // namespace
}  // namespace slimage::analysis
