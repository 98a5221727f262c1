#include "analysis/leftover_checks.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "analysis/check_support.h"
#include "util/size.h"

namespace slimage::analysis {
namespace {

bool IsRegularFile(const FinalNode& node) { return node.entry.type == image::EntryType::kFile; }

// A cache: files under `dir` (a "~/" dir is looked for under /root and every /home/USER),
// optionally only direct children ending in `suffix`.
struct CacheSpec {
  std::string_view dir;
  std::string_view what;
  std::string_view suffix = {};  // "" = every file beneath
};

constexpr std::array<CacheSpec, 13> kCaches = {{
    {"/var/lib/apt/lists", "apt package lists"},
    {"/var/cache/apt", "apt package cache", ".bin"},
    {"/var/cache/apt/archives", "downloaded .deb packages", ".deb"},
    {"/var/cache/apk", "apk package cache"},
    {"/var/cache/yum", "yum cache"},
    {"/var/cache/dnf", "dnf cache"},
    {"~/.cache/pip", "pip cache"},
    {"~/.npm/_cacache", "npm cache"},
    {"/usr/local/share/.cache/yarn", "yarn cache"},
    {"~/.cache/go-build", "Go build cache"},
    {"~/.cargo/registry", "Cargo registry cache"},
    {"/tmp", "files in /tmp"},
    {"/var/tmp", "files in /var/tmp"},
}};

// "/root/x" or "/home/USER/x" for "~/x": the concrete directory `path` lies under, if any.
std::optional<std::string> MatchDir(std::string_view path, std::string_view dir) {
  if (dir.substr(0, 2) != "~/") {
    if (IsUnder(path, dir) && path != dir) return std::string(dir);
    return std::nullopt;
  }
  const std::string_view rest = dir.substr(1);  // "/.cache/pip"
  std::string home;
  if (IsUnder(path, "/root")) {
    home = "/root";
  } else if (IsUnder(path, "/home")) {
    const size_t slash = path.find('/', 6);
    if (slash == std::string_view::npos) return std::nullopt;
    home = std::string(path.substr(0, slash));
  } else {
    return std::nullopt;
  }
  std::string concrete = home + std::string(rest);
  if (IsUnder(path, concrete) && path != concrete) return concrete;
  return std::nullopt;
}

std::vector<ImageFinding> FindingsFor(const ImageModel& model, std::map<std::string, ByteTally>& tallies,
                                      const std::map<std::string, std::string>& messages, const std::string& rule,
                                      Severity severity, int top) {
  std::vector<ImageFinding> findings;
  for (const auto& [key, tally] : tallies) {
    if (tally.bytes == 0) continue;
    findings.push_back(TallyFinding(model, rule, severity, key, messages.at(key), tally, top));
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [](const ImageFinding& a, const ImageFinding& b) { return a.bytes > b.bytes; });
  return findings;
}

// Locales named by LANG, LC_ALL, LC_MESSAGES and LANGUAGE in the image config's Env:
// "de_DE.UTF-8" keeps /usr/share/locale/de_DE and /usr/share/locale/de.
std::set<std::string> LocalesInUse(const ImageModel& model) {
  std::set<std::string> locales;
  const nlohmann::json config = nlohmann::json::parse(model.config_json, nullptr, false);
  if (!config.is_object()) return locales;
  const auto inner = config.find("config");
  const nlohmann::json& settings = inner != config.end() && inner->is_object() ? *inner : config;
  const auto env = settings.find("Env");
  if (env == settings.end() || !env->is_array()) return locales;
  for (const nlohmann::json& item : *env) {
    if (!item.is_string()) continue;
    const std::string& text = item.get_ref<const std::string&>();
    const size_t equals = text.find('=');
    if (equals == std::string::npos) continue;
    const std::string name = text.substr(0, equals);
    if (name != "LANG" && name != "LC_ALL" && name != "LC_MESSAGES" && name != "LANGUAGE") continue;
    std::string_view values(text);
    values.remove_prefix(equals + 1);
    while (!values.empty()) {  // LANGUAGE is a ':' list
      const size_t colon = values.find(':');
      std::string_view value = values.substr(0, colon);
      value = value.substr(0, value.find_first_of(".@"));
      if (!value.empty() && value != "C" && value != "POSIX") {
        locales.emplace(value);
        locales.emplace(value.substr(0, value.find('_')));
      }
      if (colon == std::string_view::npos) break;
      values.remove_prefix(colon + 1);
    }
  }
  return locales;
}

// "/name/" occurs in `path` (searched without building that needle: this runs for every file).
bool HasComponent(std::string_view path, std::string_view name) {
  for (size_t at = path.find(name); at != std::string_view::npos; at = path.find(name, at + 1)) {
    const size_t end = at + name.size();
    if (at > 0 && path[at - 1] == '/' && end < path.size() && path[end] == '/') return true;
  }
  return false;
}

// The directory `path` lies in whose last component is `name` ("/a/.git/x" -> "/a/.git").
std::string DirNamed(std::string_view path, std::string_view name) {
  const std::string needle = "/" + std::string(name) + "/";
  const size_t at = path.find(needle);
  return std::string(path.substr(0, at + needle.size() - 1));
}

bool InPythonPackages(std::string_view path) {
  return HasComponent(path, "site-packages") || HasComponent(path, "dist-packages");
}

}  // namespace

std::vector<ImageFinding> CheckPackageCaches(const ImageModel& model, int top) {
  std::map<std::string, ByteTally> tallies;
  std::map<std::string, std::string> messages;
  for (const auto& [path, node] : model.filesystem) {
    if (!IsRegularFile(node) || node.entry.size == 0) continue;
    for (const CacheSpec& cache : kCaches) {
      std::optional<std::string> dir = MatchDir(path, cache.dir);
      if (!dir) continue;
      if (!cache.suffix.empty() &&
          (DirName(path) != *dir || path.size() < cache.suffix.size() ||
           path.compare(path.size() - cache.suffix.size(), cache.suffix.size(), cache.suffix) != 0)) {
        continue;
      }
      tallies[*dir].Add(path, node.entry.size, node.layer);
      messages[*dir] = std::string(cache.what);
      break;
    }
  }
  for (auto& [dir, message] : messages) {
    message = fmt::format("{} left in the image ({})", message, dir);
  }
  return FindingsFor(model, tallies, messages, "IM201", Severity::kWarning, top);
}

std::vector<ImageFinding> CheckDocs(const ImageModel& model, int top) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kDocDirs = {{
      {"/usr/share/doc", "documentation"},
      {"/usr/share/man", "man pages"},
      {"/usr/share/info", "info pages"},
  }};
  const std::set<std::string> in_use = LocalesInUse(model);
  std::map<std::string, ByteTally> tallies;
  std::map<std::string, std::string> messages;
  for (const auto& [path, node] : model.filesystem) {
    if (!IsRegularFile(node) || node.entry.size == 0) continue;
    for (const auto& [dir, what] : kDocDirs) {
      if (IsUnder(path, dir)) {
        tallies[std::string(dir)].Add(path, node.entry.size, node.layer);
        messages[std::string(dir)] = std::string(what);
      }
    }
    if (IsUnder(path, "/usr/share/locale") && DirName(path) != "/usr/share/locale") {
      const std::string_view rest = std::string_view(path).substr(sizeof("/usr/share/locale"));
      const std::string locale(rest.substr(0, rest.find('/')));
      if (in_use.count(locale) == 0) {
        tallies["/usr/share/locale"].Add(path, node.entry.size, node.layer);
        messages["/usr/share/locale"] = "translations of locales not in use";
      }
    }
  }
  for (auto& [dir, message] : messages) {
    message = fmt::format("{} ({})", message, dir);
  }
  return FindingsFor(model, tallies, messages, "IM202", Severity::kInfo, top);
}

std::vector<ImageFinding> CheckBuildLeftovers(const ImageModel& model, int top) {
  std::map<std::string, ByteTally> tallies;
  std::map<std::string, std::string> messages;
  // Per kind, the bytes are listed by the directory that holds them (one .git, not its objects).
  std::map<std::string, std::map<std::string, std::pair<uint64_t, int>>> roots;  // kind -> root -> bytes
  auto add = [&](const std::string& kind, const std::string& root, const FinalNode& node) {
    auto& [bytes, layer] = roots[kind][root];
    bytes += node.entry.size;
    layer = node.layer;
    tallies[kind].bytes += node.entry.size;
    tallies[kind].by_layer[node.layer] += node.entry.size;
  };
  for (const auto& [path, node] : model.filesystem) {
    if (!IsRegularFile(node) || node.entry.size == 0) continue;
    if (HasComponent(path, ".git")) {
      add(".git directories", DirNamed(path, ".git"), node);
    } else if (path.find("/node_modules/.cache/") != std::string::npos) {
      add("node_modules/.cache", DirNamed(path, "node_modules") + "/.cache", node);
    } else if (HasComponent(path, "__pycache__") && !InPythonPackages(path)) {
      add("__pycache__ outside site-packages", DirNamed(path, "__pycache__"), node);
    } else if (path.size() > 4 && path.compare(path.size() - 4, 4, ".pyc") == 0 && !InPythonPackages(path) &&
               model.filesystem.count(path.substr(0, path.size() - 1)) != 0) {
      add("*.pyc next to sources", path, node);
    } else if ((HasComponent(path, "node_modules") || InPythonPackages(path)) &&
               (HasComponent(path, "test") || HasComponent(path, "tests") || HasComponent(path, "__tests__"))) {
      for (std::string_view name : {"__tests__", "tests", "test"}) {
        if (HasComponent(path, name)) {
          add("test folders in packages", DirNamed(path, name), node);
          break;
        }
      }
    }
  }
  for (const auto& [kind, by_root] : roots) {
    for (const auto& [root, bytes_layer] : by_root) tallies[kind].paths.emplace_back(bytes_layer.first, root);
    messages[kind] = fmt::format("{} in {} place{}", kind, by_root.size(), by_root.size() == 1 ? "" : "s");
  }
  std::vector<ImageFinding> findings = FindingsFor(model, tallies, messages, "IM205", Severity::kInfo, top);
  for (ImageFinding& finding : findings) {  // the path of the finding: its largest place
    const auto& by_root = roots[finding.path];
    uint64_t best = 0;
    std::string best_root;
    for (const auto& [root, bytes_layer] : by_root) {
      if (bytes_layer.first > best) {
        best = bytes_layer.first;
        best_root = root;
      }
    }
    finding.path = best_root;
  }
  return findings;
}

}  // namespace slimage::analysis
