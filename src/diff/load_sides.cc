#include "diff/load_sides.h"

#include <optional>
#include <thread>

#include "packages/inventory.h"

namespace slimage::diff {
namespace {

Expected<DiffSide> LoadSide(const std::string& image, const LoadOptions& options) {
  analysis::AnalyzeOptions analyze = options.analyze;
  analyze.read.keep_package_databases = true;
  analyze.threads = 1;
  Expected<analysis::ImageModel> model = analysis::LoadImageModel(image, analyze);
  if (!model) return model.error();
  return MakeDiffSide(std::move(*model), options.checks);
}

}  // namespace

DiffSide MakeDiffSide(analysis::ImageModel model, const analysis::ImageCheckOptions& checks) {
  DiffSide side;
  side.model = std::move(model);
  side.findings = analysis::RunImageChecks(side.model, checks);
  side.packages = packages::ReadPackages(side.model);
  // The diff does not need what was hidden: free it before the other image's model and the
  // diff's rows are added (peak memory stays below two analyses').
  std::vector<analysis::HiddenEntry>().swap(side.model.hidden);
  return side;
}

Expected<std::pair<DiffSide, DiffSide>> LoadSides(const std::string& a, const std::string& b,
                                                  const LoadOptions& options) {
  std::optional<Expected<DiffSide>> b_side;
  std::thread reader([&] { b_side.emplace(LoadSide(b, options)); });
  Expected<DiffSide> a_side = LoadSide(a, options);
  reader.join();
  if (!a_side) return a_side.error();
  if (!*b_side) return b_side->error();
  return std::pair<DiffSide, DiffSide>(std::move(*a_side), std::move(**b_side));
}

}  // namespace slimage::diff
