#include "rules/package_cache.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "rules/package_removal.h"
#include "rules/pip_setting.h"
#include "rules/run_scan.h"

namespace slimage::rules {
namespace {

using shell::PackageAction;
using shell::PackageManager;
using shell::PackageOperation;

// True when a later (or the same) command of the RUN is a `clean` of one of `managers`
// whose subcommand/operands satisfy `matches`.
template <typename Match>
bool CleansLater(const RunView& view, CommandRef from, Match matches) {
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    for (const PackageOperation& operation : view.scripts[s].analysis.packages) {
      if (CommandRef{s, operation.command_index} < from) continue;
      if (matches(operation)) return true;
    }
  }
  return false;
}


// ---------------------------------------------------------------- SL301
class AptLists final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL301", Severity::kWarning,
        "apt-get update without removing /var/lib/apt/lists/* in the same RUN",
        "`apt-get update` downloads the package lists (tens of MB) into /var/lib/apt/lists. A layer is "
        "frozen when its RUN ends, so unless the same RUN deletes them the lists ship in the image, "
        "and a later `RUN rm` does not help (see SL302). An `apt-get install` without `update` writes "
        "no lists: they came from the earlier layer that ran the update, which is where this is "
        "reported.\n"
        "Do instead: end the RUN that updates with `&& rm -rf /var/lib/apt/lists/*`, or use a cache "
        "mount (`RUN --mount=type=cache,target=/var/lib/apt,sharing=locked "
        "--mount=type=cache,target=/var/cache/apt,sharing=locked ...`): nothing lands in the layer and "
        "rebuilds are faster.\n"
        "Ignoring is fine in a stage that never ships (a build stage only copied from).",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
        "    && rm -rf /var/lib/apt/lists/*",
        true, "DL3009"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref, const PackageOperation& operation,
                                          Severity severity) {
      // Only `update` writes the lists; an install reads what an earlier layer's update left.
      if (operation.manager != PackageManager::kApt || operation.action != PackageAction::kUpdate) return true;
      bool dist_clean = CleansLater(view, ref, [](const PackageOperation& later) {
        return later.manager == PackageManager::kApt && later.subcommand == "dist-clean";  // apt >= 3.0
      });
      if (dist_clean || RemovesUnder(view, "/var/lib/apt/lists", ref) ||
          CacheMountCovers(*view.run, {"/var/lib/apt/lists"})) {
        return false;  // one verdict per RUN
      }
      findings->push_back(view.MakeFinding(
          info(), severity, ref,
          fmt::format("`{}` without `rm -rf /var/lib/apt/lists/*` in the same RUN: the package lists stay "
                      "in this layer",
                      Invocation(operation))));
      return false;
    });
  }
};

// ---------------------------------------------------------------- SL303
bool IsFalse(std::string_view value) {
  std::string lower;
  for (char c : value) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower == "false" || lower == "0" || lower == "no" || lower == "off";
}

bool NoRecommendsOption(const PackageOperation& operation) {
  if (operation.HasOption({"--no-install-recommends"})) return true;
  for (const shell::ParsedOption& option : operation.options) {
    if ((option.name != "-o" && option.name != "--option") || !option.value) continue;
    std::string_view value = *option.value;
    size_t equals = value.find('=');
    if (equals == std::string_view::npos) continue;
    if (value.substr(0, equals) == "APT::Install-Recommends" && IsFalse(value.substr(equals + 1))) return true;
  }
  return false;
}

// An earlier RUN of the stage (or a stage it is built FROM) wrote the setting to apt.conf.d.
bool AptConfigDisablesRecommends(const LintContext& context, const RunView& view) {
  const dockerfile::Stage* stage = view.stage;
  size_t limit = view.instruction_index;
  for (int hops = 0; stage != nullptr && hops < 256; ++hops) {
    for (size_t i = 0; i < std::min(limit, stage->instructions.size()); ++i) {
      const dockerfile::Instruction& instruction = stage->instructions[i];
      if (instruction.kind != dockerfile::InstructionKind::kRun) continue;
      std::string_view text = instruction.command;
      size_t key = text.find("APT::Install-Recommends");
      if (key == std::string_view::npos || text.find("apt.conf", key) == std::string_view::npos) continue;
      std::string_view rest = text.substr(key, 64);
      if (rest.find("false") != std::string_view::npos || rest.find("\"0\"") != std::string_view::npos) {
        return true;
      }
    }
    if (stage->base_stage < 0 || static_cast<size_t>(stage->base_stage) >= context.model.stages.size()) break;
    stage = &context.model.stages[static_cast<size_t>(stage->base_stage)];
    limit = stage->instructions.size();
  }
  return false;
}

bool IsHttpsClient(std::string_view package) {
  return package == "curl" || package == "wget" || package == "git" || package == "httpie" ||
         package == "aria2" || package.starts_with("curl=") || package.starts_with("wget=") ||
         package.starts_with("git=");
}

class AptRecommends final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL303", Severity::kInfo, "apt-get install without --no-install-recommends",
        "apt installs every package's Recommends by default: often documentation tools, extra "
        "libraries and locales the program never uses, commonly doubling what an install adds.\n"
        "Do instead: `apt-get install -y --no-install-recommends ...` (or write "
        "`APT::Install-Recommends \"false\";` to /etc/apt/apt.conf.d once). When you install curl, "
        "wget or git, add `ca-certificates` explicitly: it came only as a Recommends, and without it "
        "`curl https://...` fails with exit 77.\n"
        "Ignoring is fine when you rely on a recommended package and prefer not to list it.",
        "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
        "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \\\n"
        "    && rm -rf /var/lib/apt/lists/*",
        true, "DL3015"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref, const PackageOperation& operation,
                                          Severity severity) {
      if (operation.manager != PackageManager::kApt || operation.action != PackageAction::kInstall) return true;
      if (operation.tool != "apt-get" && operation.tool != "apt") return true;
      if (NoRecommendsOption(operation) || AptConfigDisablesRecommends(context, view)) return true;
      // apt-mark auto + purge --auto-remove takes the Recommends out again in the same RUN.
      if (AptMarkAutoThenAutoremove(view.scripts[ref.script].analysis, operation)) return true;
      bool https_client = std::any_of(operation.packages.begin(), operation.packages.end(), IsHttpsClient);
      bool has_certificates = std::find(operation.packages.begin(), operation.packages.end(),
                                        "ca-certificates") != operation.packages.end();
      std::string message = fmt::format("`{}` without `--no-install-recommends`: Recommends are installed too",
                                        Invocation(operation));
      if (https_client && !has_certificates) message += " (add `ca-certificates` with the flag)";
      findings->push_back(view.MakeFinding(info(), severity, ref, std::move(message)));
      return true;
    });
  }
};

// ---------------------------------------------------------------- SL304
// True when some `apk add` of the RUN keeps its index (no --no-cache/--no-network).
bool RunKeepsApkIndex(const RunView& view) {
  for (const RunScript& script : view.scripts) {
    for (const PackageOperation& operation : script.analysis.packages) {
      if (operation.manager == PackageManager::kApk && operation.action == PackageAction::kInstall &&
          !operation.HasOption({"--no-cache", "--no-network"})) {
        return true;
      }
    }
  }
  return false;
}

class ApkCache final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL304", Severity::kWarning, "apk add without --no-cache, or apk update",
        "Without `--no-cache`, `apk add` keeps the index it fetched (and with a configured cache the "
        "packages) in /var/cache/apk, which then ships in this layer. `apk update` and `apk add "
        "--update` write the same APKINDEX files, even when a later `apk add --no-cache` does the "
        "installing.\n"
        "Do instead: `apk add --no-cache ...` (it also makes `apk update` and `--update` unnecessary: "
        "drop them), or remove "
        "`/var/cache/apk/*` in the same RUN, or use a cache mount "
        "(`RUN --mount=type=cache,target=/var/cache/apk apk add ...`).\n"
        "Ignoring is fine in a stage that never ships.",
        "RUN apk update && apk add curl", "RUN apk add --no-cache curl", true, "DL3019"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref, const PackageOperation& operation,
                                          Severity severity) {
      if (operation.manager != PackageManager::kApk) return true;
      if (operation.action != PackageAction::kInstall && operation.action != PackageAction::kUpdate) return true;
      // --no-network installs from what is already on disk: no index is fetched, nothing is cached.
      // With --no-cache an update fetches the index into memory only.
      if (operation.HasOption({"--no-cache", "--no-network"})) return true;
      if (RemovesUnder(view, "/var/cache/apk", ref) ||
          CacheMountCovers(*view.run, {"/var/cache/apk", "/etc/apk/cache"})) {
        return true;
      }
      if (operation.action == PackageAction::kUpdate) {
        // One finding per cause: a cache-keeping `apk add` of the same RUN is reported, and the
        // fix that gives it --no-cache drops this update too.
        if (RunKeepsApkIndex(view)) return true;
        findings->push_back(view.MakeFinding(
            info(), severity, ref,
            fmt::format("`{}` writes the APKINDEX to /var/cache/apk, which stays in this layer: `apk add "
                        "--no-cache` needs no update",
                        Invocation(operation))));
        return true;
      }
      findings->push_back(view.MakeFinding(
          info(), severity, ref,
          fmt::format("`{}` without `--no-cache`: the apk index stays in /var/cache/apk in this layer",
                      Invocation(operation))));
      return true;
    });
  }
};

// ---------------------------------------------------------------- SL305
bool IsRpmManager(PackageManager manager) {
  return manager == PackageManager::kYum || manager == PackageManager::kDnf || manager == PackageManager::kMicrodnf;
}

class RpmCache final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL305", Severity::kWarning, "yum/dnf/microdnf/zypper install without a clean in the same RUN",
        "yum, dnf and microdnf keep repository metadata and downloaded packages in "
        "/var/cache/{yum,dnf} (dnf5 in /var/cache/libdnf5, zypper in /var/cache/zypp): often 100 MB or "
        "more that ships in the layer unless the same RUN cleans it. Upgrades (`dnf upgrade`, `dnf up`, "
        "`dnf up-min`) fill it as installs do.\n"
        "Do instead: end the RUN with `&& dnf clean all` (the same tool; `zypper clean -a`), or "
        "`rm -rf /var/cache/dnf` (`/var/cache/libdnf5` for dnf5), or use a cache mount "
        "(`RUN --mount=type=cache,target=/var/cache/dnf dnf install -y ...`).\n"
        "Ignoring is fine in a stage that never ships.",
        "RUN dnf install -y tar gzip", "RUN dnf install -y tar gzip && dnf clean all", true,
        "DL3032,DL3040,DL3036"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref, const PackageOperation& operation,
                                          Severity severity) {
      bool rpm = IsRpmManager(operation.manager);
      bool zypper = operation.manager == PackageManager::kZypper;
      if (!rpm && !zypper) return true;
      if (operation.action != PackageAction::kInstall && !(rpm && operation.action == PackageAction::kUpgrade)) {
        return true;
      }
      bool cleaned = CleansLater(view, ref, [&](const PackageOperation& later) {
        if (later.action != PackageAction::kClean || later.manager != operation.manager) return false;
        if (zypper) return true;
        return std::find(later.packages.begin(), later.packages.end(), "all") != later.packages.end();
      });
      if (rpm) {
        // dnf5 keeps its cache in /var/cache/libdnf5.
        cleaned = cleaned || RemovesUnder(view, "/var/cache/yum", ref) || RemovesUnder(view, "/var/cache/dnf", ref) ||
                  RemovesUnder(view, "/var/cache/libdnf5", ref) ||
                  CacheMountCovers(*view.run, {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"});
      } else {
        cleaned = cleaned || RemovesUnder(view, "/var/cache/zypp", ref) ||
                  CacheMountCovers(*view.run, {"/var/cache/zypp"});
      }
      if (cleaned) return true;
      std::string cleanup = zypper ? "zypper clean -a" : operation.tool + " clean all";
      findings->push_back(view.MakeFinding(
          info(), severity, ref,
          fmt::format("`{}` without `{}` in the same RUN: the package cache stays in this layer",
                      Invocation(operation), cleanup)));
      return true;
    });
  }
};

// ---------------------------------------------------------------- SL306
// PIP_NO_CACHE_DIR as the pip command sees it: its prefix assignment, an earlier assignment in
// the RUN that pip's environment carries (an `export`, or a plain assignment to a variable the
// ENV already exported), then the stage's ENV/ARG (parent stages included). True when pip runs
// without its cache: any valid boolean, or a value the shell model does not know (trusted), or
// one pip refuses (it then installs nothing).
bool PipCacheDisabled(const RunView& view, CommandRef ref) {
  const shell::ShellCommand& command = view.Command(ref);
  for (auto it = command.assignments.rbegin(); it != command.assignments.rend(); ++it) {
    if (it->first == "PIP_NO_CACHE_DIR") return PipCacheFromNoCacheDir(it->second) != PipCacheState::kOn;
  }
  std::optional<std::string_view> env = view.run->env.Find("PIP_NO_CACHE_DIR");
  const shell::ShellScript& script = view.scripts[ref.script].analysis.script;
  if (const shell::VariableAssignment* assignment = script.LastAssignmentBefore("PIP_NO_CACHE_DIR", ref.command)) {
    if (assignment->exported || env) {
      if (!assignment->value) return true;  // $(…), read: not known
      return PipCacheFromNoCacheDir(*assignment->value) != PipCacheState::kOn;
    }
  }
  return PipCacheFromNoCacheDir(env) != PipCacheState::kOn;
}

class PipCache final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL306", Severity::kWarning, "pip install without --no-cache-dir",
        "pip keeps every wheel it downloaded or built in ~/.cache/pip: the same bytes again, in the "
        "layer, next to the installed packages.\n"
        "Do instead: `pip install --no-cache-dir ...`, or `ENV PIP_NO_CACHE_DIR=1` once in the stage "
        "(pip turns its cache off for any boolean there, `0` and `false` included), or a cache mount (`RUN --mount=type=cache,target=/root/.cache/pip pip install ...`) which keeps "
        "the cache out of the layer and speeds up rebuilds.\n"
        "Ignoring is fine in a stage that never ships.",
        "RUN pip install -r requirements.txt", "RUN pip install --no-cache-dir -r requirements.txt", true,
        "DL3042"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref, const PackageOperation& operation,
                                          Severity severity) {
      if (operation.manager != PackageManager::kPip || operation.action != PackageAction::kInstall) return true;
      if (operation.tool.starts_with("uv")) return true;  // uv has its own cache rules
      if (operation.HasOption({"--no-cache-dir", "--no-cache"}) || PipCacheDisabled(view, ref)) return true;
      if (CacheMountCovers(*view.run, {"/root/.cache/pip"}, {"/.cache/pip"})) return true;
      findings->push_back(view.MakeFinding(
          info(), severity, ref,
          fmt::format("`{}` without `--no-cache-dir`: pip's cache (~/.cache/pip) stays in this layer",
                      Invocation(operation))));
      return true;
    });
  }
};

// ---------------------------------------------------------------- SL307
class JsCache final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL307", Severity::kWarning, "npm/yarn install without cleaning its cache in the same RUN",
        "npm keeps every tarball it fetched in ~/.npm/_cacache, yarn in /usr/local/share/.cache/yarn: "
        "often as large as node_modules itself, and it ships in the layer. (pnpm is not reported: its "
        "store is hard-linked into node_modules, so it costs almost nothing more.)\n"
        "Do instead: end the RUN with `&& npm cache clean --force` (`yarn cache clean`), or use a cache "
        "mount (`RUN --mount=type=cache,target=/root/.npm npm ci`), "
        "which keeps the cache out of the layer and makes rebuilds faster.\n"
        "Ignoring is fine in a build stage whose node_modules is not copied whole into the image.",
        "RUN npm ci", "RUN npm ci && npm cache clean --force", true, "DL3060"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref, const PackageOperation& operation,
                                          Severity severity) {
      if (operation.action != PackageAction::kInstall) return true;
      std::string cleanup;
      bool covered = false;
      switch (operation.manager) {
        case PackageManager::kNpm:
          if (operation.subcommand != "install" && operation.subcommand != "ci" && operation.subcommand != "i") {
            return true;
          }
          cleanup = "npm cache clean --force";
          covered = CacheMountCovers(*view.run, {"/root/.npm"}, {"/.npm"});
          break;
        case PackageManager::kYarn:
          // Bare `yarn` (any options) is `yarn install`; `add` and `global add` fill the same cache.
          if (operation.subcommand != "install" && !operation.subcommand.empty() && operation.subcommand != "add" &&
              operation.subcommand != "global add") {
            return true;
          }
          cleanup = "yarn cache clean";
          covered = CacheMountCovers(*view.run, {"/usr/local/share/.cache/yarn"}, {"/.cache/yarn", "/.yarn/cache"});
          break;
        // pnpm: never. Its store is hard-linked into node_modules (the same inodes, counted once
        // in the layer), and `pnpm store prune` frees almost nothing.
        default:
          return true;
      }
      if (covered) return true;
      bool cleaned = CleansLater(view, ref, [&](const PackageOperation& later) {
        return later.manager == operation.manager && later.action == PackageAction::kClean;
      });
      if (cleaned) return true;
      findings->push_back(view.MakeFinding(
          info(), severity, ref,
          fmt::format("`{}` without `{}` in the same RUN: the package cache stays in this layer",
                      Invocation(operation), cleanup)));
      return false;  // one verdict per RUN (`yarn && yarn build && yarn --production` is one cache)
    });
  }
};

}  // namespace

const Rule& AptListsRule() { static const AptLists kRule; return kRule; }
const Rule& AptRecommendsRule() { static const AptRecommends kRule; return kRule; }
const Rule& ApkCacheRule() { static const ApkCache kRule; return kRule; }
const Rule& RpmCacheRule() { static const RpmCache kRule; return kRule; }
const Rule& PipCacheRule() { static const PipCache kRule; return kRule; }
const Rule& JsCacheRule() { static const JsCache kRule; return kRule; }

}  // namespace slimage::rules
