#include "image/blob_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "support/image_builder.h"

namespace slimage::image {
namespace {

using testing::File;
using testing::MakeTar;

// "(none)" for a missing file, "(error) message" for a refused one, else the bytes.
std::string Read(const BlobStore& store, const std::string& name) {
  auto source = store.Open(name);
  if (!source) return "(error) " + source.error().message;
  if (!*source) return "(none)";
  auto bytes = ReadAll(**source, 1u << 20);
  return bytes ? *bytes : "(error) " + bytes.error().message;
}

std::vector<std::string> Sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

TEST(BlobStore, TarStoreOpensMembersAndListsTopLevelFiles) {
  auto index = TarIndex::Build(MakeMemorySource(
      MakeTar({File("manifest.json", "[]"), File("blobs/sha256/ab", "blob"), testing::Dir("blobs/")}), "in.tar"));
  ASSERT_TRUE(index) << index.error().message;
  auto store = MakeTarStore(std::move(*index), "in.tar");
  EXPECT_EQ(store->name(), "in.tar");
  EXPECT_EQ(Read(*store, "manifest.json"), "[]");
  EXPECT_EQ(Read(*store, "./blobs/sha256/ab"), "blob");
  EXPECT_EQ(Read(*store, "index.json"), "(none)");
  EXPECT_EQ(Sorted(store->TopLevelFiles()), std::vector<std::string>{"manifest.json"});
}

TEST(BlobStore, DirectoryStoreRefusesNamesThatLeaveIt) {
  auto dir = std::filesystem::temp_directory_path() / ("slimage-blob-store-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "blobs" / "sha256");
  std::ofstream(dir / "index.json") << "{}";
  std::ofstream(dir / "blobs" / "sha256" / "cd") << "layer";
  auto store = MakeDirectoryStore(dir.string());
  EXPECT_EQ(Read(*store, "index.json"), "{}");
  EXPECT_EQ(Read(*store, "blobs/sha256/cd"), "layer");
  EXPECT_EQ(Read(*store, "blobs/sha256/missing"), "(none)");
  EXPECT_EQ(Read(*store, "../etc/passwd"), "(error) " + dir.string() + ": ../etc/passwd points outside the layout");
  EXPECT_EQ(Sorted(store->TopLevelFiles()), std::vector<std::string>{"index.json"});
  std::filesystem::remove_all(dir);
}

TEST(BlobStore, StreamedStoreKnowsPassedMembersOnlyBySize) {
  StreamedMembers members;
  members.metadata["manifest.json"] = "[1]";
  members.other_sizes["abc/layer.tar"] = 4096;
  auto store = MakeStreamedStore(members, "docker://x");
  EXPECT_EQ(Read(*store, "./manifest.json"), "[1]");
  auto passed = store->Open("abc/layer.tar");
  ASSERT_TRUE(passed);
  ASSERT_NE(*passed, nullptr);
  EXPECT_EQ((*passed)->size(), 4096u);
  EXPECT_EQ(Read(*store, "abc/layer.tar"),
            "(error) docker://x:abc/layer.tar: was read as it streamed by; it cannot be read again");
  EXPECT_EQ(Read(*store, "other"), "(none)");
  EXPECT_EQ(store->TopLevelFiles(), std::vector<std::string>{"manifest.json"});
}

}  // namespace
}  // namespace slimage::image
