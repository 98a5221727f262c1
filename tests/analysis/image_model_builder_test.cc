// The layer model on generated images: every whiteout and link case, with figures worked
// out by hand from rules.md.
#include "analysis/image_model_builder.h"

#include <gtest/gtest.h>

#include "support/image_builder.h"

namespace slimage::testing {
namespace {

using analysis::HiddenHow;
using analysis::ImageModel;
using image::EntryType;

ImageModel Build(const TestImage& image, bool oci = false) {
  auto model = ModelFromArchive(oci ? MakeOciArchive(image) : MakeDockerArchive(image));
  EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message);
  return model.ok() ? std::move(model).value() : ImageModel{};
}

const analysis::HiddenEntry* FindHidden(const ImageModel& model, const std::string& path, int written_by) {
  for (const auto& hidden : model.hidden) {
    if (hidden.path == path && hidden.written_by == written_by) return &hidden;
  }
  return nullptr;
}

// Sum of per-layer figures and of per-path hidden bytes equal the image totals.
void ExpectAccountedFor(const ImageModel& model) {
  uint64_t size = 0, wasted = 0, hidden_bytes = 0, final_bytes = 0;
  for (const auto& layer : model.layers) {
    size += layer.stats.size;
    wasted += layer.stats.wasted;
  }
  for (const auto& hidden : model.hidden) {
    if (hidden.type != EntryType::kDirectory) hidden_bytes += hidden.bytes;
  }
  for (const auto& [path, node] : model.filesystem) {
    if (node.entry.type == EntryType::kFile) final_bytes += node.entry.size;
  }
  EXPECT_EQ(size, model.metrics.size);
  EXPECT_EQ(wasted, model.metrics.wasted);
  EXPECT_EQ(hidden_bytes, model.metrics.wasted);
  EXPECT_EQ(final_bytes, model.metrics.final_size);
  EXPECT_EQ(model.metrics.final_size + model.metrics.wasted, model.metrics.size);
}

TEST(ImageModelBuilder, OverwrittenFileIsWastedInTheLayerThatWroteIt) {
  TestImage image{{{{File("a.txt", "12345")}, Compress::kNone, "ADD a"},
                   {{File("a.txt", "123")}, Compress::kGzip, "RUN rewrite"}}, {}};
  ImageModel model = Build(image);
  EXPECT_EQ(model.metrics.size, 8u);
  EXPECT_EQ(model.metrics.final_size, 3u);
  EXPECT_EQ(model.metrics.wasted, 5u);
  EXPECT_DOUBLE_EQ(model.metrics.efficiency, 3.0 / 8.0);
  EXPECT_EQ(model.layers[0].stats.wasted, 5u);
  EXPECT_EQ(model.layers[1].stats.wasted, 0u);
  EXPECT_EQ(model.layers[1].stats.files_changed, 1u);
  const auto* hidden = FindHidden(model, "/a.txt", 0);
  ASSERT_NE(hidden, nullptr);
  EXPECT_EQ(hidden->hidden_by, 1);
  EXPECT_EQ(hidden->how, HiddenHow::kOverwritten);
  ExpectAccountedFor(model);
}

TEST(ImageModelBuilder, WhiteoutOfDirectoryHidesEverythingBeneath) {
  TestImage image{{{{Dir("d"), File("d/x", "xxxx"), File("d/sub/y", "yy"), File("keep", "k")}, Compress::kZstd, "ADD"},
                   {{File("d/.wh.nothing", ""), File(".wh.d", "")}, Compress::kNone, "RUN rm -rf /d"}}, {}};
  ImageModel model = Build(image);
  EXPECT_EQ(model.metrics.size, 7u);
  EXPECT_EQ(model.metrics.final_size, 1u);
  EXPECT_EQ(model.metrics.wasted, 6u);
  EXPECT_EQ(model.filesystem.count("/d"), 0u);
  EXPECT_EQ(model.filesystem.count("/d/x"), 0u);
  ASSERT_EQ(model.filesystem.count("/keep"), 1u);
  // /d, /d/x, /d/sub, /d/sub/y
  EXPECT_EQ(model.layers[1].stats.files_removed, 4u);
  const auto* dir = FindHidden(model, "/d", 0);
  ASSERT_NE(dir, nullptr);
  EXPECT_EQ(dir->type, EntryType::kDirectory);
  EXPECT_EQ(dir->bytes, 6u);
  EXPECT_EQ(dir->how, HiddenHow::kDeleted);
  ExpectAccountedFor(model);
}

TEST(ImageModelBuilder, OpaqueDirectoryAppliesFirstWhereverItAppears) {
  // The opaque marker comes after the layer's own new file: the new file must survive.
  TestImage image{{{{File("d/old", "old!"), File("d/other", "o")}, Compress::kNone, "ADD"},
                   {{File("d/new", "new"), File("d/.wh..wh..opq", "")}, Compress::kGzip, "RUN"}}, {}};
  ImageModel model = Build(image, /*oci=*/true);
  EXPECT_EQ(model.filesystem.count("/d/new"), 1u);
  EXPECT_EQ(model.filesystem.count("/d/old"), 0u);
  EXPECT_EQ(model.filesystem.count("/d/other"), 0u);
  EXPECT_EQ(model.filesystem.count("/d"), 1u);
  EXPECT_EQ(model.metrics.wasted, 5u);
  EXPECT_EQ(model.layers[1].stats.files_removed, 2u);
  const auto* old_file = FindHidden(model, "/d/old", 0);
  ASSERT_NE(old_file, nullptr);
  EXPECT_EQ(old_file->how, HiddenHow::kOpaqueDir);
  ExpectAccountedFor(model);
}

TEST(ImageModelBuilder, DirectoryReplacedByFileAndFileByDirectory) {
  TestImage image{{{{File("a/inner", "1234"), File("b", "56")}, Compress::kNone, "ADD"},
                   {{File("a", "file!"), Dir("b"), File("b/c", "7")}, Compress::kNone, "RUN swap"}}, {}};
  ImageModel model = Build(image);
  ASSERT_EQ(model.filesystem.count("/a"), 1u);
  EXPECT_EQ(model.filesystem.at("/a").entry.type, EntryType::kFile);
  EXPECT_EQ(model.filesystem.count("/a/inner"), 0u);
  EXPECT_EQ(model.filesystem.at("/b").entry.type, EntryType::kDirectory);
  EXPECT_EQ(model.filesystem.count("/b/c"), 1u);
  EXPECT_EQ(model.metrics.size, 12u);       // 4 + 2 + 5 + 1
  EXPECT_EQ(model.metrics.final_size, 6u);  // 5 + 1
  EXPECT_EQ(model.metrics.wasted, 6u);      // /a/inner and /b of layer 0
  ExpectAccountedFor(model);
}

TEST(ImageModelBuilder, HardLinksCountOnceAndSymlinksResolveForTheShell) {
  TestImage image{{{{File("bin/busybox", "0123456789"), Hardlink("bin/ls", "bin/busybox"), Symlink("bin/sh", "busybox")},
                    Compress::kNone, "ADD"}}, {}};
  ImageModel model = Build(image);
  EXPECT_EQ(model.metrics.size, 10u);
  EXPECT_EQ(model.metrics.final_size, 10u);
  EXPECT_EQ(model.metrics.files, 1u);
  EXPECT_TRUE(model.metrics.has_shell);
  EXPECT_EQ(model.filesystem.at("/bin/ls").entry.type, EntryType::kHardlink);
  EXPECT_EQ(model.filesystem.at("/bin/ls").entry.link_target, "/bin/busybox");
  EXPECT_EQ(model.filesystem.at("/bin/sh").entry.link_target, "busybox");
}

TEST(ImageModelBuilder, ShellBehindMergedUsrDirectorySymlink) {
  // Debian 12's merged /usr: /bin is a symlink to usr/bin, /usr/bin/sh a symlink to dash
  TestImage image{{{{Symlink("bin", "usr/bin"), File("usr/bin/dash", "0123"), Symlink("usr/bin/sh", "dash")},
                    Compress::kNone, "ADD"}}, {}};
  EXPECT_TRUE(Build(image).metrics.has_shell);
}

TEST(ImageModelBuilder, DanglingShellSymlinkIsNoShell) {
  TestImage image{{{{Symlink("bin/sh", "/bin/missing")}, Compress::kNone, "ADD"}}, {}};
  EXPECT_FALSE(Build(image).metrics.has_shell);
}

TEST(ImageModelBuilder, PaxLongNameIsKept) {
  std::string long_dir(150, 'd');
  std::string path = long_dir + "/" + std::string(120, 'f') + ".txt";
  TestImage image{{{{File(path, "abc")}, Compress::kGzip, "ADD"}}, {}};
  ImageModel model = Build(image, /*oci=*/true);
  EXPECT_EQ(model.filesystem.count("/" + path), 1u);
}

TEST(ImageModelBuilder, SameLayerRewriteIsWastedByThatLayer) {
  TestImage image{{{{File("x", "aaaa"), File("x", "bb")}, Compress::kNone, "RUN"}}, {}};
  ImageModel model = Build(image);
  EXPECT_EQ(model.metrics.wasted, 4u);
  ASSERT_NE(FindHidden(model, "/x", 0), nullptr);
  EXPECT_EQ(FindHidden(model, "/x", 0)->hidden_by, 0);
}

TEST(ImageModelBuilder, HistoryMapsEmptyEntriesToNoLayerAndUserShareStartsAfterBaseCmd) {
  TestImage image{{{{File("base", "bbbbbbbbbb")}, Compress::kNone, "/bin/sh -c #(nop) ADD file:x in /"},
                   {{File("app", "aaaa"), File("tmp", "tt")}, Compress::kNone, "RUN make"},
                   {{File(".wh.tmp", "")}, Compress::kNone, "RUN rm /tmp"}},
                  {"/bin/sh -c #(nop)  CMD [\"sh\"]"}};
  // The builder puts empty entries first: history = CMD (empty), ADD, RUN, RUN. No layer
  // precedes the CMD, so the base is 0 layers.
  ImageModel model = Build(image);
  ASSERT_EQ(model.history.size(), 4u);
  EXPECT_TRUE(model.history[0].empty_layer);
  EXPECT_FALSE(model.history[0].layer.has_value());
  EXPECT_EQ(model.history[1].layer, 0);
  EXPECT_EQ(model.history[3].layer, 2);
  EXPECT_EQ(model.layers[2].history_index, 3);
  EXPECT_EQ(model.metrics.base_layers, 0);
  EXPECT_EQ(model.metrics.user_size, 16u);
  EXPECT_EQ(model.metrics.user_wasted, 2u);

  analysis::AnalyzeOptions options;
  options.model.base_layers = 1;
  auto with_base = ModelFromArchive(MakeDockerArchive(image), options);
  ASSERT_TRUE(with_base.ok());
  EXPECT_EQ(with_base->metrics.base_layers, 1);
  EXPECT_EQ(with_base->metrics.user_size, 6u);
  EXPECT_EQ(with_base->metrics.user_wasted, 2u);
  EXPECT_DOUBLE_EQ(with_base->metrics.user_wasted_percent, 100.0 * 2 / 6);
}

TEST(ImageModelBuilder, EmptyImageHasEfficiencyOne) {
  TestImage image{{{{Dir("etc")}, Compress::kNone, "RUN mkdir"}}, {}};
  ImageModel model = Build(image);
  EXPECT_EQ(model.metrics.size, 0u);
  EXPECT_DOUBLE_EQ(model.metrics.efficiency, 1.0);
}

// IM102's rewrites are marked by the applier as it hides the lower copy (issue 17: there was
// a second replay of every layer for them).
TEST(ImageModelBuilder, TheApplierMarksALowerFileStoredAgainWithTheSameContent) {
  TarItem again = File("a", "same bytes");
  again.mode = 0755;
  TestImage image{{{{File("a", "same bytes"), File("b", "old"), File("c", "twice")}, Compress::kNone, "COPY"},
                   {{again, File("b", "new"), File("c", "twice"), File("c", "twice")}, Compress::kGzip, "COPY again"}},
                  {}};
  ImageModel model = Build(image);
  const auto* a = FindHidden(model, "/a", 0);
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->same_content);
  EXPECT_TRUE(a->new_mode);
  EXPECT_FALSE(a->new_owner);
  const auto* b = FindHidden(model, "/b", 0);
  ASSERT_NE(b, nullptr);
  EXPECT_FALSE(b->same_content);  // other bytes
  const auto* c_lower = FindHidden(model, "/c", 0);
  ASSERT_NE(c_lower, nullptr);
  EXPECT_TRUE(c_lower->same_content);
  const auto* c_same_layer = FindHidden(model, "/c", 1);
  ASSERT_NE(c_same_layer, nullptr);
  EXPECT_FALSE(c_same_layer->same_content);  // written twice by one layer: IM101's, not IM102's
}

TEST(ImageModelBuilder, AFileUnderAnOpaqueDirectoryIsNoRewriteOfTheHiddenCopy) {
  // The opaque marker applies first wherever it sits: the lower copy is hidden by it, so the
  // new one overwrites nothing.
  TestImage image{{{{Dir("d"), File("d/x", "same")}, Compress::kNone, "COPY"},
                   {{Dir("d"), File("d/x", "same"), File("d/.wh..wh..opq", "")}, Compress::kNone, "COPY again"}},
                  {}};
  ImageModel model = Build(image);
  const auto* x = FindHidden(model, "/d/x", 0);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->how, HiddenHow::kOpaqueDir);
  EXPECT_FALSE(x->same_content);
}

// Layers are read largest first (issue 17) but applied in order: the model is the same
// whatever the number of threads and wherever the big layer sits.
TEST(ImageModelBuilder, LargestFirstReadingBuildsTheSameModelAsOneThread) {
  std::string big(3u << 20, 'x');
  TestImage image{{{{File("a", "1"), File("keep", "k")}, Compress::kGzip, "one"},
                   {{File("a", "22"), File(".wh.keep", "")}, Compress::kNone, "two"},
                   {{File("a", big), File("b", big)}, Compress::kGzip, "big last"}},
                  {}};
  const std::string archive = MakeDockerArchive(image);
  analysis::AnalyzeOptions serial;
  serial.threads = 1;
  analysis::AnalyzeOptions parallel;
  parallel.threads = 3;
  auto one = ModelFromArchive(archive, serial);
  auto many = ModelFromArchive(archive, parallel);
  ASSERT_TRUE(one.ok() && many.ok());
  ASSERT_EQ(one->hidden.size(), many->hidden.size());
  for (size_t i = 0; i < one->hidden.size(); ++i) {
    EXPECT_EQ(one->hidden[i].path, many->hidden[i].path);
    EXPECT_EQ(one->hidden[i].written_by, many->hidden[i].written_by);
    EXPECT_EQ(one->hidden[i].hidden_by, many->hidden[i].hidden_by);
  }
  EXPECT_EQ(one->metrics.size, many->metrics.size);
  EXPECT_EQ(one->metrics.final_size, many->metrics.final_size);
  EXPECT_EQ(one->metrics.final_size, 2 * big.size());
  EXPECT_EQ(one->layers[1].stats.files_removed, 1u);
  ExpectAccountedFor(*many);
}

}  // namespace
}  // namespace slimage::testing
