#include "rules/bundler_cache.h"
#include "util/text.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace slimage::rules {
namespace {

// `path` without a trailing `/`, `/*` or `/*.gem` (`rm -rf /usr/local/bundle/cache/*.gem`).
std::string_view StripGlobTail(std::string_view path) {
  for (std::string_view tail : {"/*.gem", "/*", "/"}) {
    if (path.size() > tail.size() && path.ends_with(tail)) path.remove_suffix(tail.size());
  }
  return path;
}

// True when a removal at or after `from` deletes a gem download cache (a `cache` folder of a
// gem or bundle path, named literally or through $GEM_HOME/$BUNDLE_PATH) or `vendor_cache`.
bool RemovesGemCache(const RunView& view, CommandRef from, std::string_view vendor_cache) {
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    for (const shell::FileOperation& operation : view.scripts[s].analysis.files) {
      if (operation.kind != shell::FileOperationKind::kRemove || CommandRef{s, operation.command_index} < from) continue;
      for (const std::string& written : operation.paths) {
        for (const std::string& one : ExpandBraces(written)) {
          std::string_view path = StripGlobTail(one);
          if (PathUnder(path, vendor_cache) || path.ends_with("/" + std::string(vendor_cache))) return true;
          std::string lower = ToLower(path);
          bool gem_folder = lower.find("bundle") != std::string::npos || lower.find("gem") != std::string::npos;
          if (gem_folder && (lower.ends_with("/cache") || lower.find("/cache/") != std::string::npos)) return true;
        }
      }
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> BundleCacheLeft(const RunView& view, CommandRef ref, const shell::PackageOperation& operation) {
  if (operation.manager != shell::PackageManager::kBundle) return std::nullopt;
  std::string vendor_cache = operation.OptionValue({"--cache-path"})
                                 .value_or(VariableFor(view, ref, "BUNDLE_CACHE_PATH").value_or("vendor/cache"));
  std::string invocation = operation.tool + " " + operation.subcommand;
  if (operation.subcommand == "cache" || operation.subcommand == "package" || operation.subcommand == "pack") {
    if (RemovesGemCache(view, ref, vendor_cache)) return std::nullopt;
    return fmt::format("`{}` copies every gem of the bundle into {} in this layer", invocation, vendor_cache);
  }
  if (operation.action != shell::PackageAction::kInstall) return std::nullopt;
  // The gem repository bundler installs into, and its download cache.
  std::string cache;
  std::optional<std::string> bundle_path = operation.OptionValue({"--path"});
  if (!bundle_path) bundle_path = VariableFor(view, ref, "BUNDLE_PATH");
  if (bundle_path) {
    cache = *bundle_path + "/ruby/*/cache";
  } else {
    cache = VariableFor(view, ref, "GEM_HOME").value_or("/usr/local/bundle") + "/cache";
  }
  std::string mount_target = cache.substr(0, cache.find("/*"));
  if (RemovesGemCache(view, ref, vendor_cache) ||
      CacheMountCovers(*view.run, {mount_target, "/usr/local/bundle/cache"}, {"/bundle/cache", "/gems/cache"})) {
    return std::nullopt;
  }
  return fmt::format("`{}` keeps every downloaded .gem file in {} (and updates {} when it exists): delete them "
                     "in the same RUN",
                     invocation, cache, vendor_cache);
}

}  // namespace slimage::rules
