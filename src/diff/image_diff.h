// What changed between two analysed images: totals, layers, paths, directories, packages
// and image findings. Plain data, computed once by ComputeImageDiff; the renderers
// (report/diff_report.h) only print it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"
#include "packages/package.h"

namespace slimage::diff {

// One image as the diff sees it: its model, its findings (IM…) and its packages. LoadSides
// drops the model's per-layer entries and hidden list once the checks and the package reader
// are done with them (the diff reads layer stats, the final filesystem and the metrics).
struct DiffSide {
  analysis::ImageModel model;
  std::vector<analysis::ImageFinding> findings;
  packages::PackageInventory packages;
};

// A figure of both images: b - a, and 100 × (b - a) / a (absent when a is 0).
struct Change {
  uint64_t a = 0;
  uint64_t b = 0;
  int64_t delta = 0;
  std::optional<double> percent;
};
Change MakeChange(uint64_t a, uint64_t b);

struct Totals {
  Change size, compressed_size, final_size, wasted, files, layers;  // layers: filesystem layers
  double a_efficiency = 1.0;
  double b_efficiency = 1.0;
  double efficiency_delta = 0.0;  // b - a (fractions of 1)
};

// same: one diff_id in both. changed: not shared, but the same instruction at the same place
// (a rebuilt layer). added / removed: only in b / only in a.
enum class LayerStatus { kSame, kChanged, kAdded, kRemoved };
const char* LayerStatusName(LayerStatus status);  // "same", "changed", "added", "removed"

struct LayerRow {
  LayerStatus status = LayerStatus::kSame;
  std::optional<int> a_index;  // history index (as analyze's JSON "layers" index)
  std::optional<int> b_index;
  uint64_t a_size = 0;  // 0 for the absent side
  uint64_t b_size = 0;
  int64_t delta = 0;    // b_size - a_size
  std::string created_by;  // b's instruction (a's for removed rows)
  std::string diff_id;     // b's (a's for removed rows)
};

enum class PathStatus { kAdded, kRemoved, kChanged };
const char* PathStatusName(PathStatus status);  // "added", "removed", "changed"

// A non-directory path of the final filesystems that differs.
struct PathRow {
  std::string path;
  PathStatus status = PathStatus::kChanged;
  std::string_view a_type;  // "file", "symlink", … (image::EntryTypeName; empty when absent)
  std::string_view b_type;
  uint64_t a_size = 0;
  uint64_t b_size = 0;
  int64_t delta = 0;
};

// The largest `top` rows of one kind, with the count and bytes of all of them.
struct PathGroup {
  std::vector<PathRow> top;
  uint64_t count = 0;
  int64_t bytes = 0;  // sum of deltas
};

struct PathChanges {
  PathGroup added;     // largest first
  PathGroup removed;   // largest first
  PathGroup grown;     // largest growth first
  PathGroup shrunk;    // largest shrink first
  PathGroup modified;  // same size, other content (content hash), type or link target; largest first
};

// A directory where bytes changed, collapsed: a directory whose whole change is in one child
// directory is left out (the child stands for it). `depth` counts the listed ancestors.
struct DirectoryRow {
  std::string path;
  uint64_t a_size = 0;  // regular-file bytes beneath it
  uint64_t b_size = 0;
  int64_t delta = 0;
  int depth = 0;
};

enum class PackageStatus { kAdded, kRemoved, kChanged };
const char* PackageStatusName(PackageStatus status);

struct PackageRow {
  std::string manager;
  std::string name;
  PackageStatus status = PackageStatus::kChanged;
  std::optional<std::string> a_version;
  std::optional<std::string> b_version;
  uint64_t a_size = 0;
  uint64_t b_size = 0;
};

// A package database that could not be read, in image "a" or "b".
struct PackageProblemRow {
  char image = 'a';
  packages::PackageProblem problem;
};

struct FindingChanges {
  std::vector<analysis::ImageFinding> added;    // in b, not in a (b's layer numbers)
  std::vector<analysis::ImageFinding> removed;  // in a, not in b (a's layer numbers)
};

struct ImageDiff {
  Totals totals;
  std::vector<LayerRow> layers;
  PathChanges paths;
  std::vector<DirectoryRow> directories;  // depth-first order
  std::vector<PackageRow> packages;       // by manager, then name
  std::vector<PackageProblemRow> package_problems;
  FindingChanges findings;
};

struct DiffOptions {
  int top = 10;  // rows per path group, directory rows
};

ImageDiff ComputeImageDiff(const DiffSide& a, const DiffSide& b, const DiffOptions& options);

// The parts, for the tests.
Totals DiffTotals(const analysis::ImageModel& a, const analysis::ImageModel& b);
std::vector<LayerRow> DiffLayers(const analysis::ImageModel& a, const analysis::ImageModel& b);
// Every non-directory path that differs between the final filesystems, in path order.
std::vector<PathRow> ChangedPaths(const analysis::ImageModel& a, const analysis::ImageModel& b);
PathChanges GroupPaths(const std::vector<PathRow>& changed, int top);
// The `top` directories with the largest byte change, collapsed (see DirectoryRow).
std::vector<DirectoryRow> CollapseDirectories(const std::vector<PathRow>& changed, const analysis::ImageModel& a,
                                              const analysis::ImageModel& b, int top);
std::vector<PackageRow> DiffPackages(const packages::PackageInventory& a, const packages::PackageInventory& b);
FindingChanges DiffFindings(const std::vector<analysis::ImageFinding>& a,
                            const std::vector<analysis::ImageFinding>& b);

}  // namespace slimage::diff
