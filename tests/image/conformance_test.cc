// Every real image archive of shared/images (see its SOURCE.md) loads, or fails with the
// error its case calls for. Expected figures come from SOURCE.md and the definitions of
// rules.md, worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/image_model_builder.h"
#include "support/run_cli.h"

namespace slimage::testing {
namespace {

using analysis::ImageModel;

ImageModel Load(const std::string& image) {
  auto model = analysis::LoadImageModel(image, {});
  EXPECT_TRUE(model.ok()) << image << ": " << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model).value() : ImageModel{};
}

std::string Image(const std::string& relative) { return SharedPath("images/" + relative); }

bool IsHidden(const ImageModel& model, const std::string& path, image::EntryType type) {
  return std::any_of(model.hidden.begin(), model.hidden.end(),
                     [&](const auto& h) { return h.path == path && h.type == type; });
}

TEST(ImageConformance, DiveDockerImageSizesAndWaste) {
  ImageModel model = Load(Image("dive/test-docker-image.tar"));
  const std::vector<uint64_t> expected_sizes{1154361, 6405, 0, 6405, 6405, 6405, 6405,
                                             6405,    6405, 0, 2187, 6405, 6405, 6405};
  ASSERT_EQ(model.layers.size(), expected_sizes.size());
  for (size_t i = 0; i < expected_sizes.size(); ++i) EXPECT_EQ(model.layers[i].stats.size, expected_sizes[i]) << i;
  EXPECT_EQ(model.metrics.size, 1220598u);
  // Hidden: somefile1 twice, somefile2, somefile3, saved.txt: five copies of the 6405-byte file.
  EXPECT_EQ(model.metrics.wasted, 5u * 6405u);
  EXPECT_EQ(model.metrics.final_size, 1220598u - 5u * 6405u);
  EXPECT_TRUE(IsHidden(model, "/root/saved.txt", image::EntryType::kFile));
  EXPECT_TRUE(IsHidden(model, "/root/example/somefile1.txt", image::EntryType::kFile));
  EXPECT_TRUE(IsHidden(model, "/root/example/somefile2.txt", image::EntryType::kFile));
  EXPECT_TRUE(IsHidden(model, "/root/example/somefile3.txt", image::EntryType::kFile));
  EXPECT_TRUE(IsHidden(model, "/root/example", image::EntryType::kDirectory));
  EXPECT_EQ(std::count_if(model.hidden.begin(), model.hidden.end(),
                          [](const auto& h) { return h.path == "/root/example/somefile1.txt"; }),
            2);
  // 14 layers plus busybox's CMD; the base is busybox's one layer.
  EXPECT_EQ(model.history.size(), 15u);
  EXPECT_TRUE(model.history[1].empty_layer);
  EXPECT_EQ(model.metrics.base_layers, 1);
  EXPECT_EQ(model.metrics.user_size, 1220598u - 1154361u);
  EXPECT_EQ(model.metrics.user_wasted, 5u * 6405u);
  EXPECT_TRUE(model.metrics.has_shell);
  EXPECT_EQ(model.os, "linux");
  EXPECT_EQ(model.architecture, "amd64");
}

TEST(ImageConformance, DiveKanikoImageSize) {
  ImageModel model = Load(Image("dive/test-kaniko-image.tar"));
  EXPECT_EQ(model.metrics.size, 1326410u);
  EXPECT_EQ(model.metrics.final_size + model.metrics.wasted, 1326410u);
}

TEST(ImageConformance, DiveOciLayoutsInEveryCompression) {
  for (const char* kind : {"gzip", "zstd", "estargz", "uncompressed"}) {
    ImageModel model = Load(Image(std::string("dive/test-oci-") + kind + "-image.tar"));
    ASSERT_EQ(model.layers.size(), 1u) << kind;
    EXPECT_EQ(model.metrics.size, 11189u) << kind;
    EXPECT_EQ(model.metrics.final_size, 11189u) << kind;
    EXPECT_EQ(model.metrics.files, 1u) << kind;
    EXPECT_EQ(model.metrics.wasted, 0u) << kind;
  }
}

TEST(ImageConformance, Docker25OciInTar) {
  ImageModel model = Load(Image("ggcr/hello-world-v25.tar"));
  ASSERT_EQ(model.layers.size(), 1u);
  EXPECT_EQ(model.layers[0].digest, "sha256:12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43");
  EXPECT_EQ(model.history.size(), 2u);
  EXPECT_TRUE(model.history[1].empty_layer);
  EXPECT_EQ(model.filesystem.count("/hello"), 1u);
}

TEST(ImageConformance, OverwrittenFile) {
  ImageModel model = Load(Image("ggcr/overwritten_file.tar"));
  EXPECT_EQ(model.metrics.size, 8u);
  EXPECT_EQ(model.metrics.final_size, 4u);
  EXPECT_EQ(model.metrics.wasted, 4u);
  EXPECT_EQ(model.layers.size(), 3u);
  EXPECT_EQ(model.layers[2].stats.size, 0u);
}

TEST(ImageConformance, WhiteoutDirectoryThenRecreated) {
  ImageModel model = Load(Image("ggcr/whiteout_dir.tar"));
  std::vector<std::string> files;
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type == image::EntryType::kFile) files.push_back(path);
  }
  EXPECT_EQ(files, (std::vector<std::string>{"/a/baz", "/b/bar"}));
}

TEST(ImageConformance, WhiteoutFile) {
  ImageModel model = Load(Image("ggcr/whiteout_image.tar"));
  EXPECT_EQ(model.filesystem.count("/foo.txt"), 0u);
  EXPECT_EQ(model.filesystem.count("/bar.txt"), 1u);
  EXPECT_EQ(model.metrics.wasted, 4u);
  EXPECT_EQ(model.layers[1].stats.files_removed, 1u);
}

TEST(ImageConformance, EmptyLayerHistory) {
  ImageModel model = Load(Image("ggcr/source_image_with_empty_layer_history.tar"));
  ASSERT_EQ(model.history.size(), 2u);
  EXPECT_TRUE(model.history[0].empty_layer);
  EXPECT_FALSE(model.history[0].layer.has_value());
  EXPECT_EQ(model.history[1].layer, 0);
}

TEST(ImageConformance, SymlinkedLayerInsideTheArchive) {
  ImageModel model = Load("docker-archive:" + Image("ggcr/test_link.tar") + ":bazel/v1/tarball:test_image_3");
  EXPECT_EQ(model.layers.size(), 2u);
}

TEST(ImageConformance, BundleNeedsAChoice) {
  auto model = analysis::LoadImageModel(Image("ggcr/test_bundle.tar"), {});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().message,
            Image("ggcr/test_bundle.tar") + ": holds 2 images; choose one of: test_image_2, test_image_1");
  ImageModel chosen = Load("docker-archive:" + Image("ggcr/test_bundle.tar") + ":test_image_2");
  EXPECT_EQ(chosen.repo_tags, std::vector<std::string>{"test_image_2"});
}

TEST(ImageConformance, PlainAndRepositoriesOnlyArchives) {
  EXPECT_EQ(Load(Image("ggcr/test_image_1.tar")).layers.size(), 1u);
  ImageModel no_manifest = Load(Image("ggcr/no_manifest.tar"));
  EXPECT_EQ(no_manifest.layers.size(), 1u);
  EXPECT_EQ(no_manifest.architecture, "amd64");
  // The config found beside `repositories` carries the history and the checked diff_id.
  ASSERT_EQ(no_manifest.history.size(), 1u);
  EXPECT_EQ(no_manifest.history[0].created_by, "bazel build ...");
  EXPECT_EQ(no_manifest.layers[0].diff_id, "sha256:fbec6100edacb7a6374f75545cfdfac2d83f74d0f5ed813645e4c3944c68c761");
}

TEST(ImageConformance, NullManifestIsAClearError) {
  auto model = analysis::LoadImageModel(Image("ggcr/null_manifest.tar"), {});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().message, Image("ggcr/null_manifest.tar") + ": manifest.json is not a list of images");
}

}  // namespace
}  // namespace slimage::testing
