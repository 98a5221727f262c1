#include <nlohmann/json.hpp>

#include "report/diff_report.h"
#include "report/diff_json.h"
#include "report/image_json_parts.h"

namespace slimage::report {
namespace {

using nlohmann::ordered_json;

template <typename T>
ordered_json OrNull(const std::optional<T>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json PathJson(const diff::PathRow& row, const char* kind) {
  return {{"path", row.path},     {"status", diff::PathStatusName(row.status)},
          {"kind", kind},         {"a_type", row.a_type.empty() ? ordered_json(nullptr) : ordered_json(std::string(row.a_type))},
          {"b_type", row.b_type.empty() ? ordered_json(nullptr) : ordered_json(std::string(row.b_type))},
          {"a_size", row.a_size}, {"b_size", row.b_size}, {"delta", row.delta}};
}

}  // namespace

void RenderDiffJson(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff, std::ostream& out) {
  ordered_json document;
  document["tool"] = {{"name", "slimage"}, {"version", SLIMAGE_VERSION}};
  document.update(DiffJson(a, b, diff));
  out << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

ordered_json DiffJson(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff) {
  const diff::Totals& t = diff.totals;
  ordered_json document;
  document["a"] = ImageSummaryJson(a.model);
  document["b"] = ImageSummaryJson(b.model);
  document["delta"] = {{"size", t.size.delta},          {"compressed_size", t.compressed_size.delta},
                       {"final_size", t.final_size.delta}, {"wasted", t.wasted.delta},
                       {"efficiency", t.efficiency_delta}, {"files", t.files.delta},
                       {"layers", t.layers.delta}};
  document["percent"] = {{"size", OrNull(t.size.percent)},
                         {"compressed_size", OrNull(t.compressed_size.percent)},
                         {"final_size", OrNull(t.final_size.percent)},
                         {"wasted", OrNull(t.wasted.percent)},
                         {"files", OrNull(t.files.percent)},
                         {"layers", OrNull(t.layers.percent)}};
  ordered_json layers = ordered_json::array();
  for (const diff::LayerRow& row : diff.layers) {
    layers.push_back({{"status", diff::LayerStatusName(row.status)},
                      {"a_index", OrNull(row.a_index)},
                      {"b_index", OrNull(row.b_index)},
                      {"size", row.status == diff::LayerStatus::kRemoved ? row.a_size : row.b_size},
                      {"a_size", row.a_size},
                      {"b_size", row.b_size},
                      {"delta", row.delta},
                      {"created_by", row.created_by},
                      {"diff_id", row.diff_id}});
  }
  document["layers"] = std::move(layers);
  ordered_json directories = ordered_json::array();
  for (const diff::DirectoryRow& row : diff.directories) {
    directories.push_back({{"path", row.path}, {"a_size", row.a_size}, {"b_size", row.b_size},
                           {"delta", row.delta}, {"depth", row.depth}});
  }
  document["directories"] = std::move(directories);
  const std::pair<const char*, const diff::PathGroup*> groups[] = {
      {"added", &diff.paths.added},   {"removed", &diff.paths.removed},  {"grown", &diff.paths.grown},
      {"shrunk", &diff.paths.shrunk}, {"modified", &diff.paths.modified}};
  ordered_json paths = ordered_json::array();
  ordered_json path_totals = ordered_json::object();
  for (const auto& [kind, group] : groups) {
    for (const diff::PathRow& row : group->top) paths.push_back(PathJson(row, kind));
    path_totals[kind] = {{"count", group->count}, {"bytes", group->bytes}};
  }
  document["paths"] = std::move(paths);
  document["path_totals"] = std::move(path_totals);
  ordered_json packages = ordered_json::array();
  for (const diff::PackageRow& row : diff.packages) {
    packages.push_back({{"manager", row.manager},
                        {"name", row.name},
                        {"status", diff::PackageStatusName(row.status)},
                        {"a_version", OrNull(row.a_version)},
                        {"b_version", OrNull(row.b_version)},
                        {"a_size", row.a_size},
                        {"b_size", row.b_size}});
  }
  document["packages"] = std::move(packages);
  ordered_json problems = ordered_json::array();
  for (const diff::PackageProblemRow& row : diff.package_problems) {
    problems.push_back({{"image", std::string(1, row.image)},
                        {"manager", row.problem.manager},
                        {"path", row.problem.path},
                        {"message", row.problem.message}});
  }
  document["package_problems"] = std::move(problems);
  ordered_json added = ordered_json::array();
  ordered_json removed = ordered_json::array();
  for (const auto& finding : diff.findings.added) added.push_back(ImageFindingJson(finding));
  for (const auto& finding : diff.findings.removed) removed.push_back(ImageFindingJson(finding));
  document["findings"] = {{"added", std::move(added)}, {"removed", std::move(removed)}};
  return document;
}

}  // namespace slimage::report
