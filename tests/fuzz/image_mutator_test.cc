// The image fuzz targets' mutator must keep archives consistent (tar checksums, blob names,
// diff_ids, descriptor sizes), or its mutations die at the first check like plain bytes do.
#include "image_mutator.h"

#include <gtest/gtest.h>

#include <cstring>

#include "analysis/image_model_builder.h"
#include "image/image_source.h"
#include "image/layer_reader.h"
#include "support/run_cli.h"

namespace slimage::testing {
namespace {

// What the fuzz target does with an input: a model, or why not.
Expected<analysis::ImageModel> Model(const std::string& bytes) {
  auto loaded = image::OpenArchive(image::MakeMemorySource(bytes, "mutated.tar"), {});
  if (!loaded) return loaded.error();
  auto contents = image::ReadLayers(*loaded, {}, 1);
  if (!contents) return contents.error();
  return analysis::BuildImageModel(*loaded, std::move(*contents), {});
}

// Stands in for LLVMFuzzerMutate: flips one byte, or appends one.
size_t FlipOneByte(uint8_t* data, size_t size, size_t max_size) {
  static unsigned counter = 0;
  ++counter;
  if (size < max_size && counter % 3 == 0) {
    data[size] = static_cast<uint8_t>('a' + counter % 26);
    return size + 1;
  }
  data[counter % size] ^= static_cast<uint8_t>(1u << (counter % 8));
  return size;
}

TEST(ImageMutator, ParseThenWriteKeepsEveryMember) {
  std::string archive = ReadFileBytes(SharedPath("images/ggcr/whiteout_image.tar"));
  auto members = fuzz::ParseTar(archive);
  ASSERT_TRUE(members);
  ASSERT_GT(members->size(), 10u);
  auto again = fuzz::ParseTar(fuzz::WriteTar(*members));
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), members->size());
  for (size_t i = 0; i < members->size(); ++i) {
    EXPECT_EQ((*again)[i].Name(), (*members)[i].Name());
    EXPECT_EQ((*again)[i].data, (*members)[i].data);
  }
  EXPECT_TRUE(Model(fuzz::WriteTar(*members)).ok());
}

TEST(ImageMutator, RejectsABadHeaderChecksum) {
  std::string archive = ReadFileBytes(SharedPath("images/ggcr/test_image_1.tar"));
  archive[0] ^= 1;  // the name changes, the stored checksum does not
  EXPECT_FALSE(fuzz::ParseTar(archive));
}

// Most mutations of a real archive still load (the digests were fixed up), and many of those
// load as a different image: the mutations reach the layers and the model.
void ExpectMutationsReachTheModel(const std::string& seed_path) {
  const std::string seed = ReadFileBytes(SharedPath(seed_path));
  auto original = Model(seed);
  ASSERT_TRUE(original.ok()) << original.error().message;
  constexpr int kRuns = 300;
  int loaded = 0, different = 0;
  for (int run = 0; run < kRuns; ++run) {
    std::string buffer = seed;
    buffer.resize(1u << 20);
    size_t size = fuzz::MutateImageArchive(reinterpret_cast<uint8_t*>(buffer.data()), seed.size(), buffer.size(),
                                           static_cast<unsigned>(run), FlipOneByte);
    buffer.resize(size);
    auto model = Model(buffer);
    if (!model) continue;
    ++loaded;
    if (model->filesystem.size() != original->filesystem.size() || model->hidden.size() != original->hidden.size() ||
        model->metrics.size != original->metrics.size) {
      ++different;
    }
  }
  EXPECT_GT(loaded, kRuns / 3) << seed_path;
  EXPECT_GT(different, kRuns / 10) << seed_path;
}

TEST(ImageMutator, LegacyDockerSaveMutationsReachTheModel) {
  ExpectMutationsReachTheModel("images/ggcr/whiteout_image.tar");
}

TEST(ImageMutator, GzipLayerMutationsReachTheModel) {
  ExpectMutationsReachTheModel("images/ggcr/whiteout_dir.tar");
}

TEST(ImageMutator, OciLayoutMutationsReachTheModel) {
  // blobs named by digest, a manifest with layer sizes, an index naming the manifest
  ExpectMutationsReachTheModel("images/dive/test-oci-uncompressed-image.tar");
}

TEST(ImageMutator, DockerV25MutationsReachTheModel) {
  ExpectMutationsReachTheModel("images/ggcr/hello-world-v25.tar");
}

}  // namespace
}  // namespace slimage::testing
