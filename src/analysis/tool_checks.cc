#include "analysis/tool_checks.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "analysis/check_support.h"
#include "analysis/tool_table.h"
#include "util/size.h"

namespace slimage::analysis {
namespace {

bool IsRegularFile(const FinalNode& node) { return node.entry.type == image::EntryType::kFile; }

bool UnderHomeDir(std::string_view path, std::string_view dir) {
  if (dir.substr(0, 2) != "~/") return IsUnder(path, dir);
  const std::string rest(dir.substr(1));
  if (IsUnder(path, "/root" + rest)) return true;
  if (!IsUnder(path, "/home")) return false;
  const size_t slash = path.find('/', 6);
  return slash != std::string_view::npos && IsUnder(path.substr(slash), rest);
}

bool InBinDirectory(std::string_view path) {
  const std::string_view dir = DirName(path);
  const auto dirs = BinDirectories();
  return std::find(dirs.begin(), dirs.end(), dir) != dirs.end();
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

void SortLargestFirst(std::vector<ImageFinding>* findings) {
  std::stable_sort(findings->begin(), findings->end(),
                   [](const ImageFinding& a, const ImageFinding& b) { return a.bytes > b.bytes; });
}

// The HEALTHCHECK command of the image config, joined, or "".
std::string HealthcheckText(const ImageModel& model) {
  const nlohmann::json config = nlohmann::json::parse(model.config_json, nullptr, false);
  if (!config.is_object()) return "";
  const auto inner = config.find("config");
  const nlohmann::json& settings = inner != config.end() && inner->is_object() ? *inner : config;
  const auto health = settings.find("Healthcheck");
  if (health == settings.end() || !health->is_object()) return "";
  const auto test = health->find("Test");
  if (test == health->end() || !test->is_array()) return "";
  std::string text;
  for (const nlohmann::json& part : *test) {
    if (part.is_string()) text += part.get<std::string>() + " ";
  }
  return text;
}

bool Allowed(const DebugTool& tool, const std::vector<std::string>& allow_packages) {
  for (const std::string& allowed : allow_packages) {
    if (allowed == tool.package) return true;
    std::string_view aliases = tool.aliases;
    while (!aliases.empty()) {
      const size_t space = aliases.find(' ');
      if (aliases.substr(0, space) == allowed) return true;
      if (space == std::string_view::npos) break;
      aliases.remove_prefix(space + 1);
    }
  }
  return false;
}

}  // namespace

std::vector<ImageFinding> CheckToolchains(const ImageModel& model, int top) {
  const auto toolchains = Toolchains();
  std::vector<ByteTally> tallies(toolchains.size());
  for (const auto& [path, node] : model.filesystem) {
    if (!IsRegularFile(node)) continue;
    const std::string_view base = BaseName(path);
    for (size_t i = 0; i < toolchains.size(); ++i) {
      const Toolchain& toolchain = toolchains[i];
      bool hit = !toolchain.suffix.empty() && EndsWith(base, toolchain.suffix) && base.size() > toolchain.suffix.size();
      for (std::string_view name : toolchain.basenames) hit = hit || MatchesToolName(base, name);
      for (std::string_view dir : toolchain.directories) hit = hit || UnderHomeDir(path, dir);
      if (hit) {
        tallies[i].Add(path, node.entry.size, node.layer);
        break;
      }
    }
  }
  std::vector<ImageFinding> findings;
  for (size_t i = 0; i < toolchains.size(); ++i) {
    const ByteTally& tally = tallies[i];
    if (tally.paths.empty()) continue;
    std::vector<std::pair<uint64_t, std::string>> paths = tally.paths;
    std::sort(paths.begin(), paths.end(), std::greater<>());
    findings.push_back(TallyFinding(model, "IM203", Severity::kWarning, paths.front().second,
                                    fmt::format("build toolchain in the image: {} ({} file{})", toolchains[i].name,
                                                paths.size(), paths.size() == 1 ? "" : "s"),
                                    tally, top));
  }
  SortLargestFirst(&findings);
  return findings;
}

std::vector<ImageFinding> CheckDebugTools(const ImageModel& model, const std::vector<std::string>& allow_packages,
                                          int top) {
  const auto tools = DebugTools();
  const bool healthcheck_uses_curl = HealthcheckText(model).find("curl") != std::string::npos;
  std::vector<ByteTally> tallies(tools.size());
  std::vector<std::string> executables(tools.size());
  for (const auto& [path, node] : model.filesystem) {
    // Regular files only: busybox applets are links to one binary that is not a debug tool.
    if (!IsRegularFile(node)) continue;
    const bool in_bin = InBinDirectory(path);  // once per file, not once per tool
    const std::string_view base = BaseName(path);
    for (size_t i = 0; i < tools.size(); ++i) {
      const DebugTool& tool = tools[i];
      bool hit = false;
      if (in_bin) {
        for (std::string_view name : tool.executables) {
          if (MatchesToolName(base, name)) {
            hit = true;
            if (executables[i].empty()) executables[i] = path;
          }
        }
      }
      for (std::string_view dir : tool.data_dirs) hit = hit || IsUnder(path, dir);
      if (hit) {
        tallies[i].Add(path, node.entry.size, node.layer);
        break;
      }
    }
  }
  std::vector<ImageFinding> findings;
  for (size_t i = 0; i < tools.size(); ++i) {
    const DebugTool& tool = tools[i];
    if (executables[i].empty() || Allowed(tool, allow_packages)) continue;  // data without the tool: not it
    if (tool.package == "curl" && healthcheck_uses_curl) continue;
    const FinalNode& main = model.filesystem.at(executables[i]);
    ImageFinding finding = TallyFinding(
        model, "IM204", Severity::kWarning, executables[i],
        fmt::format("debug tool in the image: {} ({})", tool.package, executables[i]),
        tallies[i], top);
    finding.layer = HistoryIndexOf(model, main.layer);
    finding.details.push_back("allow it with `allow-packages: [" + std::string(tool.package) +
                              "]` in .slimage.yaml, or ship it in a separate debug target");
    findings.push_back(std::move(finding));
  }
  SortLargestFirst(&findings);
  return findings;
}

}  // namespace slimage::analysis
