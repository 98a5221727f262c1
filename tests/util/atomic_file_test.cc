#include "util/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace slimage {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("slimage-atomic-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, ReplacesTheContentsAndKeepsTheMode) {
  fs::path file = dir_ / "Dockerfile";
  std::ofstream(file) << "old";
  ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
  ASSERT_TRUE(WriteFileAtomically(file.string(), "new\r\n"));
  EXPECT_EQ(Read(file), "new\r\n");
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
  // No temporary file is left next to it.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(AtomicFileTest, WritesThroughASymlinkToItsTarget) {
  fs::path target = dir_ / "real.Dockerfile";
  fs::path link = dir_ / "Dockerfile";
  std::ofstream(target) << "old";
  fs::create_symlink("real.Dockerfile", link);
  ASSERT_TRUE(WriteFileAtomically(link.string(), "new"));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Read(target), "new");
}

TEST_F(AtomicFileTest, AMissingFileIsAnErrorNamingIt) {
  Status status = WriteFileAtomically((dir_ / "nope").string(), "x");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("nope"), std::string::npos);
}

TEST_F(AtomicFileTest, CreateOrReplaceMakesANewFileWithTheUmasksMode) {
  const mode_t mask = ::umask(022);
  fs::path file = dir_ / "report.html";
  ASSERT_TRUE(CreateOrReplaceFileAtomically(file.string(), "<!DOCTYPE html>"));
  ::umask(mask);
  EXPECT_EQ(Read(file), "<!DOCTYPE html>");
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
  ASSERT_TRUE(CreateOrReplaceFileAtomically(file.string(), "again"));
  EXPECT_EQ(Read(file), "again");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
  EXPECT_FALSE(CreateOrReplaceFileAtomically((dir_ / "no-such-dir" / "r.html").string(), "x"));
}

}  // namespace
}  // namespace slimage
