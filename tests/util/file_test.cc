#include "util/file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace slimage {
namespace {

TEST(ReadTextFile, ReadsBytesExactly) {
  auto path = std::filesystem::temp_directory_path() / "slimage_file_test.txt";
  { std::ofstream(path, std::ios::binary) << "a\r\nb\0c"; }
  auto result = ReadTextFile(path.string());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, "a\r\nb");
  std::filesystem::remove(path);
}

TEST(ReadTextFile, MissingFileNamesTheFile) {
  auto result = ReadTextFile("/nonexistent/Dockerfile");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "/nonexistent/Dockerfile: cannot open: No such file or directory");
}

TEST(ReadTextFile, DirectoryIsAnError) {
  auto result = ReadTextFile("/tmp");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "/tmp: is a directory, not a file");
}

TEST(ReadTextFile, OverCapIsAnError) {
  auto path = std::filesystem::temp_directory_path() / "slimage_file_cap.txt";
  { std::ofstream(path, std::ios::binary) << std::string(100, 'x'); }
  auto result = ReadTextFile(path.string(), 10);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, path.string() + ": file is larger than 10 bytes");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace slimage
