#include "diff/image_diff.h"

#include <map>

namespace slimage::diff {

const char* LayerStatusName(LayerStatus status) {
  switch (status) {
    case LayerStatus::kSame: return "same";
    case LayerStatus::kChanged: return "changed";
    case LayerStatus::kAdded: return "added";
    case LayerStatus::kRemoved: return "removed";
  }
  return "same";
}

const char* PathStatusName(PathStatus status) {
  switch (status) {
    case PathStatus::kAdded: return "added";
    case PathStatus::kRemoved: return "removed";
    case PathStatus::kChanged: return "changed";
  }
  return "changed";
}

const char* PackageStatusName(PackageStatus status) {
  switch (status) {
    case PackageStatus::kAdded: return "added";
    case PackageStatus::kRemoved: return "removed";
    case PackageStatus::kChanged: return "changed";
  }
  return "changed";
}

Change MakeChange(uint64_t a, uint64_t b) {
  Change change;
  change.a = a;
  change.b = b;
  change.delta = static_cast<int64_t>(b) - static_cast<int64_t>(a);
  if (a != 0) change.percent = 100.0 * static_cast<double>(change.delta) / static_cast<double>(a);
  return change;
}

Totals DiffTotals(const analysis::ImageModel& a, const analysis::ImageModel& b) {
  const analysis::ImageMetrics& ma = a.metrics;
  const analysis::ImageMetrics& mb = b.metrics;
  Totals totals;
  totals.size = MakeChange(ma.size, mb.size);
  totals.compressed_size = MakeChange(ma.compressed_size, mb.compressed_size);
  totals.final_size = MakeChange(ma.final_size, mb.final_size);
  totals.wasted = MakeChange(ma.wasted, mb.wasted);
  totals.files = MakeChange(ma.files, mb.files);
  totals.layers = MakeChange(a.layers.size(), b.layers.size());
  totals.a_efficiency = ma.efficiency;
  totals.b_efficiency = mb.efficiency;
  totals.efficiency_delta = mb.efficiency - ma.efficiency;
  return totals;
}

std::vector<PackageRow> DiffPackages(const packages::PackageInventory& a, const packages::PackageInventory& b) {
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::pair<const packages::Package*, const packages::Package*>> both;
  for (const packages::Package& package : a.packages) both[{package.manager, package.name}].first = &package;
  for (const packages::Package& package : b.packages) both[{package.manager, package.name}].second = &package;
  std::vector<PackageRow> rows;
  for (const auto& [key, pair] : both) {
    const auto [in_a, in_b] = pair;
    if (in_a && in_b && in_a->version == in_b->version) continue;  // same version: not a change
    PackageRow row;
    row.manager = key.first;
    row.name = key.second;
    row.status = !in_a ? PackageStatus::kAdded : !in_b ? PackageStatus::kRemoved : PackageStatus::kChanged;
    if (in_a) {
      row.a_version = in_a->version;
      row.a_size = in_a->size;
    }
    if (in_b) {
      row.b_version = in_b->version;
      row.b_size = in_b->size;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

// Findings match by rule and path, whatever layer they name (layers renumber between images);
// an image-wide finding (no path) matches by rule alone.
std::string FindingKey(const analysis::ImageFinding& finding) { return finding.rule + '\x1f' + finding.path; }

std::vector<analysis::ImageFinding> OnlyIn(const std::vector<analysis::ImageFinding>& these,
                                           const std::vector<analysis::ImageFinding>& others) {
  std::map<std::string, int> counts;
  for (const auto& finding : others) ++counts[FindingKey(finding)];
  std::vector<analysis::ImageFinding> only;
  for (const auto& finding : these) {
    int& count = counts[FindingKey(finding)];
    if (count > 0) {
      --count;
    } else {
      only.push_back(finding);
    }
  }
  return only;
}

}  // namespace

FindingChanges DiffFindings(const std::vector<analysis::ImageFinding>& a,
                            const std::vector<analysis::ImageFinding>& b) {
  return {OnlyIn(b, a), OnlyIn(a, b)};
}

ImageDiff ComputeImageDiff(const DiffSide& a, const DiffSide& b, const DiffOptions& options) {
  ImageDiff diff;
  diff.totals = DiffTotals(a.model, b.model);
  diff.layers = DiffLayers(a.model, b.model);
  const std::vector<PathRow> changed = ChangedPaths(a.model, b.model);
  diff.paths = GroupPaths(changed, options.top);
  diff.directories = CollapseDirectories(changed, a.model, b.model, options.top);
  diff.packages = DiffPackages(a.packages, b.packages);
  for (const auto& problem : a.packages.problems) diff.package_problems.push_back({'a', problem});
  for (const auto& problem : b.packages.problems) diff.package_problems.push_back({'b', problem});
  diff.findings = DiffFindings(a.findings, b.findings);
  return diff;
}

}  // namespace slimage::diff
