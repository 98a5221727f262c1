#include "analysis/base_image.h"

#include <gtest/gtest.h>

namespace slimage::analysis {
namespace {

HistoryEntry Entry(std::string created_by, std::optional<int> layer) {
  HistoryEntry entry;
  entry.created_by = std::move(created_by);
  entry.empty_layer = !layer.has_value();
  entry.layer = layer;
  return entry;
}

TEST(BaseImage, BaseEndsAtTheCmdOfTheBaseImage) {
  std::vector<HistoryEntry> history{Entry("/bin/sh -c #(nop) ADD file:abc in / ", 0),
                                    Entry("/bin/sh -c #(nop)  CMD [\"sh\"]", std::nullopt),
                                    Entry("/bin/sh -c apk add curl", 1), Entry("RUN make # buildkit", 2),
                                    Entry("CMD [\"/app\"]", std::nullopt)};
  EXPECT_EQ(BaseLayerCountFromHistory(history), 1);
}

TEST(BaseImage, LayeredBasesCountUpToTheLastBaseCmd) {
  std::vector<HistoryEntry> history{Entry("ADD rootfs.tar /", 0), Entry("CMD [\"bash\"]", std::nullopt),
                                    Entry("RUN apt-get install python3", 1), Entry("CMD [\"python3\"]", std::nullopt),
                                    Entry("COPY . /app", 2), Entry("ENTRYPOINT [\"/app/run\"]", std::nullopt)};
  EXPECT_EQ(BaseLayerCountFromHistory(history), 2);
}

TEST(BaseImage, NoCmdMeansNoKnownBase) {
  std::vector<HistoryEntry> history{Entry("bazel build ...", 0), Entry("RUN x", 1)};
  EXPECT_EQ(BaseLayerCountFromHistory(history), 0);
}

}  // namespace
}  // namespace slimage::analysis
