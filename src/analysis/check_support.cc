#include "analysis/check_support.h"

#include <algorithm>
#include <deque>

#include "util/size.h"

namespace slimage::analysis {
namespace {

constexpr int kMaxSymlinkHops = 40;  // as Linux's path walk

void SplitInto(std::string_view path, std::deque<std::string>* out, bool front) {
  std::vector<std::string> parts;
  size_t at = 0;
  while (at <= path.size()) {
    const size_t slash = path.find('/', at);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > at) parts.emplace_back(path.substr(at, end - at));
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  if (front) {
    out->insert(out->begin(), parts.begin(), parts.end());
  } else {
    out->insert(out->end(), parts.begin(), parts.end());
  }
}

}  // namespace

bool IsUnder(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  if (path.size() < dir.size() || path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view DirName(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::optional<int> HistoryIndexOf(const ImageModel& model, int layer) {
  if (layer < 0 || static_cast<size_t>(layer) >= model.layers.size()) return std::nullopt;
  return model.layers[static_cast<size_t>(layer)].history_index;
}

std::string ShortInstruction(std::string_view created_by, size_t max_chars) {
  std::string_view text = created_by;
  auto trim = [&text] {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  };
  auto strip_prefix = [&text](std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return false;
    text.remove_prefix(prefix.size());
    return true;
  };
  trim();
  constexpr std::string_view kBuildkit = "# buildkit";
  if (text.size() >= kBuildkit.size() && text.substr(text.size() - kBuildkit.size()) == kBuildkit) {
    text.remove_suffix(kBuildkit.size());
    trim();
  }
  // The classic builder writes "|2 A=1 B=2 /bin/sh -c …" when build args are set.
  if (!text.empty() && text.front() == '|') {
    const size_t shell = text.find("/bin/sh -c ");
    if (shell != std::string_view::npos) text.remove_prefix(shell);
  }
  std::string out;
  if (strip_prefix("/bin/sh -c #(nop) ")) {
    trim();
  } else if (strip_prefix("/bin/sh -c ") || strip_prefix("RUN /bin/sh -c ")) {
    trim();
    out = "RUN ";
  }
  out += std::string(text.substr(0, max_chars));
  if (text.size() > max_chars) out += "…";
  return out;
}

std::string LayerLabel(const ImageModel& model, int layer) {
  const std::optional<int> history = HistoryIndexOf(model, layer);
  if (!history || *history < 0 || static_cast<size_t>(*history) >= model.history.size()) {
    return fmt::format("layer {}", layer);
  }
  const std::string instruction = ShortInstruction(model.history[static_cast<size_t>(*history)].created_by);
  if (instruction.empty()) return fmt::format("layer {}", *history);
  return fmt::format("layer {} ({})", *history, instruction);
}

void ByteTally::Add(const std::string& path, uint64_t size, int layer) {
  bytes += size;
  by_layer[layer] += size;
  paths.emplace_back(size, path);
}

int ByteTally::TopLayer() const {
  int best = 0;
  uint64_t best_bytes = 0;
  bool any = false;
  for (const auto& [layer, layer_bytes] : by_layer) {
    if (!any || layer_bytes > best_bytes) {
      best = layer;
      best_bytes = layer_bytes;
      any = true;
    }
  }
  return best;
}

ImageFinding TallyFinding(const ImageModel& model, std::string rule, Severity severity, std::string path,
                          std::string message, const ByteTally& tally, int top) {
  ImageFinding finding;
  finding.rule = std::move(rule);
  finding.severity = severity;
  finding.layer = HistoryIndexOf(model, tally.TopLayer());
  finding.path = std::move(path);
  finding.bytes = tally.bytes;
  finding.message = std::move(message);
  std::vector<std::pair<uint64_t, std::string>> paths = tally.paths;
  const size_t shown = std::min(paths.size(), static_cast<size_t>(std::max(top, 0)));
  std::partial_sort(paths.begin(), paths.begin() + static_cast<std::ptrdiff_t>(shown), paths.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (size_t i = 0; i < shown; ++i) finding.details.push_back(fmt::format("{} {}", paths[i].second, FormatSize(paths[i].first)));
  if (paths.size() > shown) finding.details.push_back(fmt::format("… and {} more", paths.size() - shown));
  if (tally.by_layer.size() > 1) {
    for (const auto& [layer, layer_bytes] : tally.by_layer) {
      finding.details.push_back(fmt::format("{} from {}", FormatSize(layer_bytes), LayerLabel(model, layer)));
    }
  } else {
    finding.details.push_back(fmt::format("written by {}", LayerLabel(model, tally.TopLayer())));
  }
  return finding;
}

bool FilesystemView::IsImpliedDirectory(const std::string& path) const {
  const std::string prefix = path + "/";
  const auto next = model_.filesystem.lower_bound(prefix);
  return next != model_.filesystem.end() && next->first.compare(0, prefix.size(), prefix) == 0;
}

std::optional<FilesystemView::Found> FilesystemView::Resolve(std::string_view path) const {
  std::deque<std::string> pending;
  SplitInto(path, &pending, false);
  std::string current;  // "" is the root
  const FinalNode* node = nullptr;
  int hops = 0;
  while (!pending.empty()) {
    const std::string part = std::move(pending.front());
    pending.pop_front();
    if (part == ".") continue;
    if (part == "..") {  // never above the root
      const size_t slash = current.rfind('/');
      current = slash == std::string::npos ? "" : current.substr(0, slash);
      node = nullptr;
      if (!current.empty()) {
        const auto it = model_.filesystem.find(current);
        node = it == model_.filesystem.end() ? nullptr : &it->second;
      }
      continue;
    }
    if (node != nullptr && node->entry.type != image::EntryType::kDirectory) return std::nullopt;  // ENOTDIR
    const std::string candidate = current + "/" + part;
    const auto it = model_.filesystem.find(candidate);
    if (it == model_.filesystem.end()) {
      if (!IsImpliedDirectory(candidate)) return std::nullopt;
      current = candidate;
      node = nullptr;
      continue;
    }
    const image::LayerEntry& entry = it->second.entry;
    if (entry.type == image::EntryType::kSymlink) {
      if (++hops > kMaxSymlinkHops) return std::nullopt;
      if (!entry.link_target.empty() && entry.link_target.front() == '/') current.clear();
      SplitInto(entry.link_target, &pending, true);
      node = nullptr;
      continue;
    }
    current = candidate;
    node = &it->second;
  }
  return Found{current.empty() ? "/" : current, node};
}

bool FilesystemView::IsFile(std::string_view path) const {
  const std::optional<Found> found = Resolve(path);
  if (!found || found->node == nullptr) return false;
  const image::EntryType type = found->node->entry.type;
  return type == image::EntryType::kFile || type == image::EntryType::kHardlink;
}

std::optional<std::string> ExpandSearchDir(const std::string& dir, std::string_view object_path) {
  std::string out;
  for (size_t at = 0; at < dir.size();) {
    if (dir[at] != '$') {
      out += dir[at++];
      continue;
    }
    if (dir.compare(at, 7, "$ORIGIN") == 0) {
      out += DirName(object_path);
      at += 7;
    } else if (dir.compare(at, 9, "${ORIGIN}") == 0) {
      out += DirName(object_path);
      at += 9;
    } else {
      return std::nullopt;
    }
  }
  if (out.empty() || out.front() != '/') return std::nullopt;
  return out;
}

}  // namespace slimage::analysis
