// Builds one side of a diff from a test image: the real reader, model builder, checks and
// package inventory, as `slimage diff` does.
#pragma once

#include "analysis/checks.h"
#include "diff/image_diff.h"
#include "packages/inventory.h"
#include "support/image_builder.h"
#include "support/in_memory_image.h"

namespace slimage::diff {

inline testing::TestImage ImageOf(std::vector<testing::TestLayer> layers, std::vector<std::string> empty_history = {}) {
  testing::TestImage image;
  image.layers = std::move(layers);
  image.empty_history = std::move(empty_history);
  return image;
}

inline DiffSide SideOf(const testing::TestImage& image) {
  analysis::AnalyzeOptions options;
  options.read.keep_package_databases = true;
  Expected<analysis::ImageModel> model = testing::ModelFromArchive(testing::MakeDockerArchive(image), options);
  if (!model) throw std::runtime_error(model.error().message);
  DiffSide side;
  side.model = std::move(*model);
  side.findings = analysis::RunImageChecks(side.model, {});
  side.packages = packages::ReadPackages(side.model);
  return side;
}

}  // namespace slimage::diff
