#include <algorithm>

#include <fmt/format.h>

#include "report/image_report.h"
#include "util/display_escape.h"
#include "util/size.h"

namespace slimage::report {
namespace {

// Everything these tables print from the image (created_by, paths, digests, the platform,
// findings quoting them) goes through EscapeForDisplay: the image is untrusted.
std::string Show(std::string_view text) { return EscapeForDisplay(text); }

// A created_by string on one line: its newlines and tabs read as spaces (as `docker history`
// does for tabs), then escaped and cut to `width` characters.
std::string Shorten(const std::string& text, size_t width) {
  std::string flat = text;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  std::replace(flat.begin(), flat.end(), '\t', ' ');
  return ShortenForDisplay(EscapeForDisplay(flat), width);
}

std::string ShortDigest(const std::string& digest) {
  if (digest.rfind("sha256:", 0) == 0) return Show(digest.substr(7, 12));
  return digest.empty() ? "<missing>" : Show(digest.substr(0, 12));
}

// History index of a layer, for naming it the way the layer table does.
int HistoryIndexOf(const analysis::ImageModel& model, int layer) {
  const auto& index = model.layers[static_cast<size_t>(layer)].history_index;
  return index ? *index : layer;
}

}  // namespace

void RenderImageText(const analysis::ImageModel& model, const std::vector<analysis::ImageFinding>& findings,
                     int top, std::ostream& out) {
  const analysis::ImageMetrics& m = model.metrics;
  out << fmt::format("Image: {}\n", Show(model.source));
  out << fmt::format("  digest {}  {}/{}{}\n", model.digest.empty() ? "-" : Show(model.digest),
                     model.os.empty() ? "?" : Show(model.os),
                     model.architecture.empty() ? "?" : Show(model.architecture),
                     model.variant.empty() ? "" : "/" + Show(model.variant));
  out << fmt::format("  size {} ({} compressed), final filesystem {} in {} files\n", FormatSize(m.size),
                     FormatSize(m.compressed_size), FormatSize(m.final_size), m.files);
  out << fmt::format("  wasted {}, efficiency {:.2f}%\n", FormatSize(m.wasted), 100.0 * m.efficiency);
  out << fmt::format("  above the base ({} base layers): {}, wasted {} ({:.1f}%)\n", m.base_layers,
                     FormatSize(m.user_size), FormatSize(m.user_wasted), m.user_wasted_percent);
  out << fmt::format("  shell: {}\n\n", m.has_shell ? "/bin/sh" : "none");

  out << fmt::format("{:>3}  {:<12}  {:>10}  {:>10}  {:>10}  {}\n", "#", "LAYER", "SIZE", "COMPRESSED", "WASTED",
                     "CREATED BY");
  for (size_t i = 0; i < model.history.size(); ++i) {
    const auto& entry = model.history[i];
    if (entry.layer) {
      const analysis::Layer& layer = model.layers[static_cast<size_t>(*entry.layer)];
      out << fmt::format("{:>3}  {:<12}  {:>10}  {:>10}  {:>10}  {}\n", i, ShortDigest(layer.digest),
                         FormatSize(layer.stats.size), FormatSize(layer.stats.compressed_size),
                         FormatSize(layer.stats.wasted), Shorten(entry.created_by, 70));
    } else {
      out << fmt::format("{:>3}  {:<12}  {:>10}  {:>10}  {:>10}  {}\n", i, "<empty>", "0 B", "-", "-",
                         Shorten(entry.created_by, 70));
    }
  }

  std::vector<const analysis::HiddenEntry*> wasted;
  for (const auto& hidden : model.hidden) {
    if (hidden.bytes > 0) wasted.push_back(&hidden);
  }
  std::stable_sort(wasted.begin(), wasted.end(), [](auto* a, auto* b) { return a->bytes > b->bytes; });
  if (!wasted.empty()) {
    out << fmt::format("\nTop wasted paths:\n");
    for (size_t i = 0; i < wasted.size() && i < static_cast<size_t>(std::max(top, 0)); ++i) {
      const auto& hidden = *wasted[i];
      out << fmt::format("  {:>10}  {}{}  (written by #{}, {} by #{})\n", FormatSize(hidden.bytes), Show(hidden.path),
                         hidden.type == image::EntryType::kDirectory ? "/" : "",
                         HistoryIndexOf(model, hidden.written_by), analysis::HiddenHowName(hidden.how),
                         HistoryIndexOf(model, hidden.hidden_by));
    }
  }

  out << fmt::format("\nFindings: {}\n", findings.size());
  for (const auto& finding : findings) {
    out << fmt::format("  {} {:<7} {}", finding.rule, SeverityName(finding.severity), Show(finding.message));
    if (finding.bytes > 0) out << fmt::format(" ({})", FormatSize(finding.bytes));
    out << "\n";
    for (const auto& detail : finding.details) out << "      " << Show(detail) << "\n";
  }
}

void RenderHistoryText(const analysis::ImageModel& model, std::ostream& out, bool layers_read) {
  out << fmt::format("{:<12}  {:>10}  {:>10}  {:>7}  {:>7}  {:>7}  {:>10}  {}\n", "LAYER", "SIZE", "COMPRESSED",
                     "ADDED", "CHANGED", "REMOVED", "WASTED", "CREATED BY");
  for (size_t n = model.history.size(); n-- > 0;) {
    const auto& entry = model.history[n];
    if (entry.layer) {
      const analysis::Layer& layer = model.layers[static_cast<size_t>(*entry.layer)];
      if (!layers_read) {
        out << fmt::format("{:<12}  {:>10}  {:>10}  {:>7}  {:>7}  {:>7}  {:>10}  {}\n", ShortDigest(layer.digest), "-",
                           FormatSize(layer.stats.compressed_size), "-", "-", "-", "-", Shorten(entry.created_by, 70));
        continue;
      }
      out << fmt::format("{:<12}  {:>10}  {:>10}  {:>7}  {:>7}  {:>7}  {:>10}  {}\n", ShortDigest(layer.digest),
                         FormatSize(layer.stats.size), FormatSize(layer.stats.compressed_size),
                         layer.stats.files_added, layer.stats.files_changed, layer.stats.files_removed,
                         FormatSize(layer.stats.wasted), Shorten(entry.created_by, 70));
    } else {
      out << fmt::format("{:<12}  {:>10}  {:>10}  {:>7}  {:>7}  {:>7}  {:>10}  {}\n", "<missing>", "0 B", "-", "-",
                         "-", "-", "-", Shorten(entry.created_by, 70));
    }
  }
  if (!layers_read) {
    out << fmt::format("\nLayers not read (--no-layers): {} to pull, compressed.\n",
                       FormatSize(model.metrics.compressed_size));
  }
}

}  // namespace slimage::report
