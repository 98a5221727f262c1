#include <fmt/format.h>

#include "analysis/check_support.h"
#include "report/diff_report.h"
#include "util/display_escape.h"
#include "util/size.h"

namespace slimage::report {
namespace {

// Every path, name, version and instruction goes through here: image contents are hostile
// (util/display_escape.h: controls, bidi controls and invalid UTF-8 shown as escapes).
std::string Shown(std::string_view text) { return EscapeForDisplay(text); }

std::string Signed(int64_t delta) { return FormatSignedSize(delta); }

std::string SignedCount(int64_t delta) { return delta > 0 ? fmt::format("+{}", delta) : fmt::format("{}", delta); }

std::string Percent(const std::optional<double>& percent) {
  return percent ? fmt::format(" ({:+.1f}%)", *percent) : "";
}

std::string Index(const std::optional<int>& index) { return index ? std::to_string(*index) : "-"; }

void SizeLine(std::ostream& out, const char* name, const diff::Change& change) {
  out << fmt::format("  {:<16}{:>12}  {:>12}  {}{}\n", name, FormatSize(change.a), FormatSize(change.b),
                     Signed(change.delta), Percent(change.percent));
}

void CountLine(std::ostream& out, const char* name, const diff::Change& change) {
  out << fmt::format("  {:<16}{:>12}  {:>12}  {}{}\n", name, change.a, change.b, SignedCount(change.delta),
                     Percent(change.percent));
}

void Group(std::ostream& out, const char* title, const diff::PathGroup& group) {
  if (group.count == 0) return;
  out << fmt::format("  {} ({} path{}, {}):\n", title, group.count, group.count == 1 ? "" : "s",
                     Signed(group.bytes));
  for (const diff::PathRow& row : group.top) {
    const std::string size = row.delta != 0 ? Signed(row.delta) : FormatSize(row.b_size);
    std::string types;
    if (!row.a_type.empty() && !row.b_type.empty() && row.a_type != row.b_type) {
      types = fmt::format("  ({} -> {})", row.a_type, row.b_type);
    }
    out << fmt::format("    {:>10}  {}{}\n", size, Shown(row.path), types);
  }
  if (group.count > group.top.size()) out << fmt::format("    … {} more\n", group.count - group.top.size());
}

}  // namespace

void RenderDiffText(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff, std::ostream& out) {
  out << fmt::format("A: {}  {}\n", Shown(a.model.source), a.model.digest.empty() ? "-" : a.model.digest);
  out << fmt::format("B: {}  {}\n\n", Shown(b.model.source), b.model.digest.empty() ? "-" : b.model.digest);
  const diff::Totals& t = diff.totals;
  out << fmt::format("  {:<16}{:>12}  {:>12}  {}\n", "", "A", "B", "CHANGE");
  SizeLine(out, "size", t.size);
  SizeLine(out, "compressed", t.compressed_size);
  SizeLine(out, "final size", t.final_size);
  SizeLine(out, "wasted", t.wasted);
  out << fmt::format("  {:<16}{:>11.2f}%  {:>11.2f}%  {:+.2f} points\n", "efficiency", 100.0 * t.a_efficiency,
                     100.0 * t.b_efficiency, 100.0 * t.efficiency_delta);
  CountLine(out, "files", t.files);
  CountLine(out, "layers", t.layers);

  out << "\nLayers\n";
  out << fmt::format("  {:<8} {:>3} {:>3}  {:>10}  {:>10}  {}\n", "STATUS", "A", "B", "SIZE", "CHANGE", "CREATED BY");
  for (const diff::LayerRow& row : diff.layers) {
    const uint64_t size = row.status == diff::LayerStatus::kRemoved ? row.a_size : row.b_size;
    const std::string change = row.status == diff::LayerStatus::kSame ? "" : Signed(row.delta);
    out << fmt::format("  {:<8} {:>3} {:>3}  {:>10}  {:>10}  {}\n", diff::LayerStatusName(row.status),
                       Index(row.a_index), Index(row.b_index), FormatSize(size), change,
                       Shown(analysis::ShortInstruction(row.created_by, 70)));
  }

  out << "\nDirectories (collapsed to where the change is)\n";
  if (diff.directories.empty()) out << "  no change\n";
  for (const diff::DirectoryRow& row : diff.directories) {
    out << fmt::format("  {:>10}  {}{}\n", Signed(row.delta), std::string(2 * static_cast<size_t>(row.depth), ' '),
                       Shown(row.path));
  }

  out << "\nPaths\n";
  const diff::PathChanges& p = diff.paths;
  if (p.added.count + p.removed.count + p.grown.count + p.shrunk.count + p.modified.count == 0) {
    out << "  no change\n";
  }
  Group(out, "added", p.added);
  Group(out, "removed", p.removed);
  Group(out, "grown", p.grown);
  Group(out, "shrunk", p.shrunk);
  Group(out, "changed at the same size", p.modified);

  out << "\nPackages\n";
  if (diff.packages.empty()) out << "  no change\n";
  for (const diff::PackageRow& row : diff.packages) {
    std::string version;
    if (row.status == diff::PackageStatus::kAdded) version = Shown(*row.b_version);
    if (row.status == diff::PackageStatus::kRemoved) version = Shown(*row.a_version);
    if (row.status == diff::PackageStatus::kChanged) {
      version = Shown(*row.a_version) + " -> " + Shown(*row.b_version);
    }
    out << fmt::format("  {:<8} {:<5} {}  {}  {}\n", diff::PackageStatusName(row.status), row.manager,
                       Shown(row.name), version,
                       Signed(static_cast<int64_t>(row.b_size) - static_cast<int64_t>(row.a_size)));
  }
  for (const diff::PackageProblemRow& row : diff.package_problems) {
    out << fmt::format("  {}: {} database {} not read: {}\n", static_cast<char>(row.image - 'a' + 'A'),
                       row.problem.manager, Shown(row.problem.path), Shown(row.problem.message));
  }

  out << "\nFindings\n";
  if (diff.findings.added.empty() && diff.findings.removed.empty()) out << "  no change\n";
  for (const auto& finding : diff.findings.added) {
    out << fmt::format("  + {} {} {}\n", finding.rule, SeverityName(finding.severity), Shown(finding.message));
  }
  for (const auto& finding : diff.findings.removed) {
    out << fmt::format("  - {} {} {}\n", finding.rule, SeverityName(finding.severity), Shown(finding.message));
  }
}

}  // namespace slimage::report
