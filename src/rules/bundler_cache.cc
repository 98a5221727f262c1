#include "rules/bundler_cache.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

#include "rules/workdir.h"
#include "util/text.h"

namespace slimage::rules {
namespace {

// `path` without a trailing `/`, `/*` or `/*.gem` (`rm -rf /usr/local/bundle/cache/*.gem`).
std::string_view StripGlobTail(std::string_view path) {
  for (std::string_view tail : {"/*.gem", "/*", "/"}) {
    if (path.size() > tail.size() && path.ends_with(tail)) path.remove_suffix(tail.size());
  }
  return path;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view segment = path.substr(0, slash);
    if (!segment.empty() && segment != ".") segments.push_back(segment);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return segments;
}

// True when removing `removed` deletes `cache`: it is the cache or a folder above it, segment by
// segment, a glob segment of either side matching (`vendor/bundle/ruby/*/cache` is removed by
// `rm -rf vendor/bundle/ruby/3.3.0/cache` and by `rm -rf vendor/bundle`).
bool RemovalCovers(std::string_view removed, std::string_view cache) {
  if (removed.starts_with('/') != cache.starts_with('/')) return false;
  std::vector<std::string_view> above = Segments(removed);
  std::vector<std::string_view> below = Segments(cache);
  if (above.size() > below.size()) return false;
  for (size_t i = 0; i < above.size(); ++i) {
    std::string a(above[i]);
    std::string b(below[i]);
    if (fnmatch(a.c_str(), b.c_str(), 0) != 0 && fnmatch(b.c_str(), a.c_str(), 0) != 0) return false;
  }
  return true;
}

// True when a removal at or after `from` deletes the gem download cache: `cache` when the bundle
// path is configured and known, else a `cache` folder of a gem or bundle path (named literally or
// through $GEM_HOME/$BUNDLE_PATH); or `vendor_cache` in either case.
bool RemovesGemCache(const RunView& view, CommandRef from, std::string_view vendor_cache,
                     const std::optional<std::string>& cache) {
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    const std::vector<CommandDirectory>& directories = view.scripts[s].directories;
    for (const shell::FileOperation& operation : view.scripts[s].analysis.files) {
      if (operation.kind != shell::FileOperationKind::kRemove || CommandRef{s, operation.command_index} < from) continue;
      for (const std::string& written : operation.paths) {
        for (const std::string& one : ExpandBraces(written)) {
          std::string_view path = StripGlobTail(one);
          if (PathUnder(path, vendor_cache) || path.ends_with("/" + std::string(vendor_cache))) return true;
          if (cache) {
            std::optional<std::string> resolved = operation.command_index < directories.size()
                                                      ? ResolveAt(directories[operation.command_index], path)
                                                      : std::nullopt;
            if (resolved && RemovalCovers(*resolved, *cache)) return true;
            continue;
          }
          std::string lower = ToLower(path);
          bool gem_folder = lower.find("bundle") != std::string::npos || lower.find("gem") != std::string::npos;
          if (gem_folder && (lower.ends_with("/cache") || lower.find("/cache/") != std::string::npos)) return true;
        }
      }
    }
  }
  return false;
}

// Bundler's `false` values (Bundler::Settings#to_bool); anything else is true.
bool Truthy(std::string_view value) {
  std::string lower = ToLower(value);
  return !(lower.empty() || lower == "false" || lower == "f" || lower == "no" || lower == "n" || lower == "0");
}

// The `path` and `deployment` settings as Bundler's config files hold them after the commands
// seen so far.
struct BundleConfig {
  struct Value {
    std::string path;
    bool known = true;  // false: it holds a variable whose value is unknown
  };
  struct Level {
    std::optional<Value> path;
    bool deployment = false;  // without a path, deployment installs into vendor/bundle
    // The path this level gives, as Bundler::Settings#path reads one level.
    std::optional<Value> Path() const {
      if (path) return path;
      if (deployment) return Value{"vendor/bundle", true};
      return std::nullopt;
    }
  };
  Level local;   // <app>/.bundle/config or $BUNDLE_APP_CONFIG/config
  Level global;  // ~/.bundle/config

  // `bundle config [set|unset] [--local|--global] path X` (and `deployment true`), `bundle config
  // --delete path`, and an install's deprecated `--path X`/`--deployment` (Bundler 2 remembers them
  // in the local config).
  void Apply(const shell::ShellCommand& command, const shell::PackageOperation& operation) {
    if (operation.manager != shell::PackageManager::kBundle) return;
    if (operation.action == shell::PackageAction::kInstall) {
      for (const shell::ParsedOption& option : operation.options) {
        if (option.name == "--path" && option.value) local.path = Value{*option.value, OptionKnown(command, option)};
        if (option.name == "--deployment") local.deployment = true;
      }
      return;
    }
    if (operation.subcommand != "config") return;
    const std::vector<std::string>& words = operation.packages;
    size_t at = 0;
    bool unset = operation.HasOption({"--delete"});
    if (!words.empty() && (words[0] == "set" || words[0] == "unset" || words[0] == "get" || words[0] == "list")) {
      if (words[0] == "get" || words[0] == "list") return;
      unset = words[0] == "unset";
      at = 1;
    }
    if (words.size() <= at || (words[at] != "path" && words[at] != "deployment")) return;
    bool deployment = words[at] == "deployment";
    bool to_global = operation.HasOption({"--global"});
    if (unset) {  // without --local/--global: from both files
      if (!to_global) Clear(&local, deployment);
      if (!operation.HasOption({"--local"})) Clear(&global, deployment);
      return;
    }
    if (words.size() != at + 2) return;  // `bundle config path` only prints it
    // Without --global, `set` writes the local config when run in an application (a Gemfile in
    // the directory, as before a `bundle install`; rubygems/rubygems#4152, 2022); older Bundlers
    // wrote the global one.
    Level& level = to_global ? global : local;
    if (!deployment) {
      level.path = Value{words[at + 1], operation.packages_known};
    } else if (operation.packages_known) {  // an unknown value leaves it as it was
      level.deployment = Truthy(words[at + 1]);
    }
  }

  static void Clear(Level* level, bool deployment) {
    if (deployment) {
      level->deployment = false;
    } else {
      level->path.reset();
    }
  }

  static bool OptionKnown(const shell::ShellCommand& command, const shell::ParsedOption& option) {
    size_t at = option.index;
    if (at < command.argv.size() && command.argv[at].value.find('=') == std::string::npos) ++at;
    return at >= command.argv.size() || command.argv[at].known();
  }
};

// Applies the bundle operations of `view` before `until` (all of them when nullopt).
void ApplyRun(const RunView& view, std::optional<CommandRef> until, BundleConfig* config) {
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    for (const shell::PackageOperation& operation : view.scripts[s].analysis.packages) {
      CommandRef at{s, operation.command_index};
      if (until && !(at < *until)) return;
      config->Apply(view.Command(at), operation);
    }
  }
}

// The bundle path `bundle install` at `ref` installs into, in Bundler's order of levels: its own
// `--path`, the local config, the environment (BUNDLE_PATH, BUNDLE_DEPLOYMENT), the global config;
// at each level a path, else `vendor/bundle` when deployment is set. Config files persist, so
// `bundle config` in an earlier RUN of the stage or of a stage it is built FROM counts.
std::optional<BundleConfig::Value> BundlePath(const LintContext& context, const RunView& view, CommandRef ref,
                                              const shell::PackageOperation& operation) {
  for (const shell::ParsedOption& option : operation.options) {
    if (option.name == "--path" && option.value) {
      return BundleConfig::Value{*option.value, BundleConfig::OptionKnown(view.Command(ref), option)};
    }
  }
  std::vector<int> chain;  // the stage and the stages it is built FROM
  for (const dockerfile::Stage* stage = view.stage; stage != nullptr && chain.size() <= context.model.stages.size();) {
    chain.push_back(stage->index);
    int parent = stage->base_stage;
    stage = parent >= 0 && static_cast<size_t>(parent) < context.model.stages.size() && parent != stage->index
                ? &context.model.stages[static_cast<size_t>(parent)]
                : nullptr;
  }
  BundleConfig config;
  for (const RunView& earlier : Runs(context)) {  // file order: a parent stage comes first
    if (&earlier == &view) break;
    // An ONBUILD trigger runs in another build.
    if (earlier.run != earlier.reported || std::find(chain.begin(), chain.end(), earlier.stage->index) == chain.end()) {
      continue;
    }
    ApplyRun(earlier, std::nullopt, &config);
  }
  ApplyRun(view, ref, &config);
  if (operation.HasOption({"--deployment"})) config.local.deployment = true;
  if (std::optional<BundleConfig::Value> local = config.local.Path()) return local;
  BundleConfig::Level environment;
  if (std::optional<std::string> variable = VariableFor(view, ref, "BUNDLE_PATH")) {
    environment.path = BundleConfig::Value{*variable, true};
  }
  std::optional<std::string> deployment = VariableFor(view, ref, "BUNDLE_DEPLOYMENT");
  environment.deployment = deployment && Truthy(*deployment);
  if (std::optional<BundleConfig::Value> from_environment = environment.Path()) return from_environment;
  return config.global.Path();
}

}  // namespace

std::optional<std::string> BundleCacheLeft(const LintContext& context, const RunView& view, CommandRef ref,
                                           const shell::PackageOperation& operation) {
  if (operation.manager != shell::PackageManager::kBundle) return std::nullopt;
  std::string vendor_cache = operation.OptionValue({"--cache-path"})
                                 .value_or(VariableFor(view, ref, "BUNDLE_CACHE_PATH").value_or("vendor/cache"));
  std::string invocation = operation.tool + " " + operation.subcommand;
  if (operation.subcommand == "cache" || operation.subcommand == "package" || operation.subcommand == "pack") {
    if (RemovesGemCache(view, ref, vendor_cache, std::nullopt)) return std::nullopt;
    return fmt::format("`{}` copies every gem of the bundle into {} in this layer", invocation, vendor_cache);
  }
  if (operation.action != shell::PackageAction::kInstall) return std::nullopt;
  // The gem repository bundler installs into, and its download cache.
  std::string cache;
  std::optional<std::string> configured_cache;  // set when the configured path is known
  if (std::optional<BundleConfig::Value> bundle_path = BundlePath(context, view, ref, operation)) {
    // A relative path is relative to the application (where its Gemfile is: the directory of the
    // `bundle install`).
    std::optional<std::string> resolved;
    if (bundle_path->known) {
      const std::vector<CommandDirectory>& directories = view.scripts[ref.script].directories;
      if (ref.command < directories.size()) resolved = ResolveAt(directories[ref.command], bundle_path->path);
    }
    cache = resolved.value_or(bundle_path->path) + "/ruby/*/cache";
    if (resolved) configured_cache = cache;
  } else {
    cache = VariableFor(view, ref, "GEM_HOME").value_or("/usr/local/bundle") + "/cache";
  }
  std::string mount_target = cache.substr(0, cache.find("/*"));
  bool mounted = configured_cache ? CacheMountCovers(*view.run, {mount_target})
                                  : CacheMountCovers(*view.run, {mount_target, "/usr/local/bundle/cache"},
                                                     {"/bundle/cache", "/gems/cache"});
  if (mounted || RemovesGemCache(view, ref, vendor_cache, configured_cache)) return std::nullopt;
  return fmt::format("`{}` keeps every downloaded .gem file in {} (and updates {} when it exists): delete them "
                     "in the same RUN",
                     invocation, cache, vendor_cache);
}

}  // namespace slimage::rules
