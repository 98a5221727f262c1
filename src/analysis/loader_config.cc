#include "analysis/loader_config.h"
#include "util/text.h"

#include <fnmatch.h>

#include <set>
#include <string_view>

namespace slimage::analysis {
namespace {


std::vector<std::string_view> Split(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> parts;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find_first_of(separators, at), text.size());
    if (end > at) parts.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

// The kept bytes of a regular file, or nullptr when it is absent, not a file, or not kept.
const image::LayerEntry* ConfigFile(const ImageModel& model, const std::string& path, LoaderConfig& out) {
  const auto found = model.filesystem.find(path);
  if (found == model.filesystem.end() || found->second.entry.type != image::EntryType::kFile) return nullptr;
  const image::LayerEntry& entry = found->second.entry;
  if (entry.text.size() != entry.size) {
    out.incomplete = true;
    return nullptr;
  }
  return &entry;
}

void AddDirs(std::string_view text, std::string_view separators, LoaderConfig& out) {
  for (std::string_view token : Split(text, separators)) {
    if (!token.empty() && token.front() == '/') out.dirs.emplace_back(token);
  }
}

// Each file is read once: includes that include themselves, or many files that all include
// the same glob (a hostile image could make that exponential), stop at the second visit.
void ParseLdSoConf(const ImageModel& model, const std::string& path, std::set<std::string>& visited,
                   LoaderConfig& out) {
  if (!visited.insert(path).second) return;
  const image::LayerEntry* file = ConfigFile(model, path, out);
  if (!file) return;
  for (std::string_view line : Split(file->text, "\n")) {
    line = TrimView(line.substr(0, line.find('#')), " \t\r");
    if (line.rfind("include", 0) == 0 && line.size() > 7 && (line[7] == ' ' || line[7] == '\t')) {
      for (std::string_view pattern_text : Split(line.substr(8), " \t")) {
        std::string pattern(pattern_text);
        if (pattern.front() != '/') pattern = path.substr(0, path.rfind('/') + 1) + pattern;
        // Only paths under the pattern's fixed leading part can match: walk just those.
        const std::string prefix = pattern.substr(0, pattern.find_first_of("*?["));
        for (auto it = model.filesystem.lower_bound(prefix);
             it != model.filesystem.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
          if (::fnmatch(pattern.c_str(), it->first.c_str(), FNM_PATHNAME) == 0) {
            ParseLdSoConf(model, it->first, visited, out);
          }
        }
      }
      continue;
    }
    if (line.rfind("hwcap", 0) == 0) continue;
    AddDirs(line, " \t,:", out);
  }
}

}  // namespace

LoaderConfig ReadLoaderConfig(const ImageModel& model) {
  LoaderConfig config;
  std::set<std::string> visited;
  ParseLdSoConf(model, "/etc/ld.so.conf", visited, config);
  if (model.filesystem.count("/etc/ld.so.cache") != 0 && model.filesystem.count("/etc/ld.so.conf") == 0) {
    config.incomplete = true;
  }
  const std::string musl_prefix = "/etc/ld-musl-";
  for (auto it = model.filesystem.lower_bound(musl_prefix);
       it != model.filesystem.end() && it->first.rfind(musl_prefix, 0) == 0; ++it) {
    if (!it->first.ends_with(".path")) continue;
    if (const image::LayerEntry* file = ConfigFile(model, it->first, config)) AddDirs(file->text, "\n:", config);
  }
  return config;
}

}  // namespace slimage::analysis
