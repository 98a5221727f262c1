#include "rules/packages.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <fmt/format.h>

#include "rules/debug_tools.h"
#include "rules/image_uses.h"
#include "rules/package_removal.h"
#include "rules/run_scan.h"

namespace slimage::rules {
namespace {

using dockerfile::InstructionKind;
using shell::PackageAction;
using shell::PackageManager;
using shell::PackageOperation;

// ---------------------------------------------------------------- SL311
// The UID given by -u/--uid, or empty.
struct UseraddArgs {
  std::string uid;
  bool no_log_init = false;
};

UseraddArgs ParseUseradd(const std::vector<std::string>& args) {
  // Options of useradd that take a value (short letters), so that a bundle stops at them.
  static constexpr std::string_view kWithValue = "bcdefgGkKpRPsuU";
  UseraddArgs parsed;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--") break;
    if (arg == "--no-log-init") parsed.no_log_init = true;
    if (arg == "--uid" && i + 1 < args.size()) parsed.uid = args[++i];
    if (arg.starts_with("--uid=")) parsed.uid = std::string(arg.substr(6));
    if (arg.size() < 2 || arg[0] != '-' || arg[1] == '-') continue;
    for (size_t k = 1; k < arg.size(); ++k) {
      char letter = arg[k];
      if (letter == 'l') parsed.no_log_init = true;
      if (kWithValue.find(letter) == std::string_view::npos) continue;
      std::string value = k + 1 < arg.size() ? std::string(arg.substr(k + 1)) : (i + 1 < args.size() ? args[++i] : "");
      if (letter == 'u') parsed.uid = value;
      break;
    }
  }
  return parsed;
}

// glibc's struct lastlog on Linux is 292 bytes (4 time + 32 line + 256 host); lastlog is indexed by UID.
unsigned long long LastlogMegabytes(const std::string& uid) {
  return std::stoull(uid) * 292ULL / 1000000ULL;
}

class UseraddLastlog final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL311", Severity::kWarning, "useradd with a large UID without -l/--no-log-init",
        "useradd records the new user in /var/log/lastlog and /var/log/faillog at offset UID x record "
        "size. With a UID of six digits or more that sparse file is gigabytes long, and layer tars do not "
        "keep holes: the layer (and every push and pull) carries the zeros.\n"
        "Do instead: `useradd -l -u 1000000 ...` (`--no-log-init`), or pick a smaller UID.\n"
        "Ignoring is never useful here: the flag costs nothing.",
        "RUN useradd -u 1000000 app", "RUN useradd -l -u 1000000 app", true, "DL3046"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCommand(context, [&](const RunView& view, CommandRef ref, const shell::ShellCommand& command) {
      if (!context.model.Ships(view.stage->index) || command.name() != "useradd") return;
      UseraddArgs parsed = ParseUseradd(command.args());
      // UIDs are 32-bit: more than 10 digits is rejected by useradd itself.
      if (parsed.no_log_init || parsed.uid.size() <= 5 || parsed.uid.size() > 10) return;
      if (!std::all_of(parsed.uid.begin(), parsed.uid.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        return;  // a variable whose value is unknown
      }
      findings->push_back(view.MakeFinding(info(), info().severity, ref,
                                           fmt::format("`useradd -u {}` without `-l`: /var/log/lastlog grows to "
                                                       "UID x 292 bytes ({} MB of zeros) in this layer",
                                                       parsed.uid, LastlogMegabytes(parsed.uid))));
    });
  }
};

// ---------------------------------------------------------------- SL401
bool Allowed(const LintContext& context, std::string_view name) {
  const auto& allow = context.settings.allow_packages;
  return std::find(allow.begin(), allow.end(), name) != allow.end();
}

// Whether `stage` is `ancestor` or built FROM it (directly or through other stages).
bool BuiltFrom(const dockerfile::BuildModel& model, const dockerfile::Stage* stage, const dockerfile::Stage* ancestor) {
  for (size_t hops = 0; stage != nullptr && hops <= model.stages.size(); ++hops) {
    if (stage == ancestor) return true;
    if (stage->base_stage < 0 || static_cast<size_t>(stage->base_stage) >= model.stages.size()) return false;
    stage = &model.stages[static_cast<size_t>(stage->base_stage)];
  }
  return false;
}

// The programs the build runs after `ref` of `runs[r]`: later in that RUN, and in the later RUNs of
// its stage and of the stages built FROM it (a tool used there is a build dependency).
std::set<std::string> UsedLater(const LintContext& context, const std::vector<RunView>& runs, size_t r,
                                CommandRef ref) {
  std::set<std::string> names;
  AddRunNames(context, runs[r], ref, &names);
  for (size_t later = r + 1; later < runs.size(); ++later) {
    if (BuiltFrom(context.model, runs[later].stage, runs[r].stage)) AddRunNames(context, runs[later], std::nullopt, &names);
  }
  return names;
}

bool NamesAny(const std::set<std::string>& names, const std::vector<std::string_view>& commands) {
  return std::any_of(commands.begin(), commands.end(),
                     [&](std::string_view command) { return names.count(std::string(command)) != 0; });
}

class DebugTools final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL401", Severity::kWarning, "A shipped stage installs interactive or debugging tools",
        "Editors, pagers, debuggers and network tools (vim, less, git, wget, strace, gdb, tcpdump, "
        "procps...) add megabytes and attack surface to every running container, and the application "
        "never calls them.\n"
        "Do instead: keep them in a separate debug target built on the application stage:\n"
        "  FROM app AS debug\n  RUN apt-get update && apt-get install -y --no-install-recommends vim strace\n"
        "and build it only when you need it: `docker build --target debug -t app:debug .`.\n"
        "Not reported: a tool the image uses, named in a HEALTHCHECK, ENTRYPOINT or CMD or in a script "
        "they run (read from the build context), or run by a later command of the RUN or a later RUN (a "
        "build dependency: build in an earlier stage instead). Ignoring is fine when the application "
        "itself runs the tool (list it under `allow-packages:` in the config).",
        "FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends vim \\\n"
        "    && rm -rf /var/lib/apt/lists/*",
        "FROM debian:12-slim AS app\n...\nFROM app AS debug\nRUN apt-get update && apt-get install -y "
        "--no-install-recommends vim \\\n    && rm -rf /var/lib/apt/lists/*",
        false, ""};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    const std::vector<RunView>& runs = Runs(context);
    std::optional<std::set<std::string>> runtime;  // RuntimeNames, made when a listed tool is installed
    ForEachPackageOperation(context, [&](const RunView& view, CommandRef ref, const PackageOperation& operation) {
      if (!context.model.Ships(view.stage->index)) return true;
      if (!IsSystemManager(operation.manager) || operation.action != PackageAction::kInstall) return true;
      size_t r = static_cast<size_t>(&view - runs.data());  // Runs() is the vector `runs` refers to
      std::optional<std::set<std::string>> later;
      std::vector<std::string> tools;
      for (const std::string& package : operation.packages) {
        std::string_view name = PackageBaseName(package);
        if (Allowed(context, name) || Allowed(context, package)) continue;
        if (name != "curl" && !IsDebugTool(name)) continue;
        if (RemovedLater(view.scripts[ref.script].analysis, operation, package)) continue;  // fetched, used, purged
        // A tool the image uses is not a debugging tool: named by HEALTHCHECK, ENTRYPOINT or CMD or
        // a script they run, or run later in the build (a build dependency).
        std::vector<std::string_view> commands = ToolCommands(name);
        if (!runtime) runtime = RuntimeNames(context);
        if (NamesAny(*runtime, commands)) continue;
        if (!later) later = UsedLater(context, runs, r, ref);
        if (NamesAny(*later, commands)) continue;
        if (std::find(tools.begin(), tools.end(), name) == tools.end()) tools.emplace_back(name);
      }
      if (tools.empty()) return true;
      std::string debug_target = view.stage->name.empty()
                                     ? std::string("name this stage (`AS app`) and add `FROM app AS debug` with them")
                                     : fmt::format("`FROM {} AS debug`", view.stage->name);
      findings->push_back(view.MakeFinding(info(), info().severity, ref,
                                           fmt::format("`{}` installs debugging tools in the shipped image: {}; move "
                                                       "them to a debug target ({}, built with `--target debug`)",
                                                       Invocation(operation), fmt::join(tools, ", "), debug_target)));
      return true;
    });
  }
};

// ---------------------------------------------------------------- SL402
class SystemUpgrade final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL402", Severity::kInfo, "Whole-system package upgrade in a shipped stage",
        "`apt-get upgrade`, `apk upgrade` or `dnf upgrade` rewrites every updated package of the base "
        "image into a new layer: the old files stay in the base layers, so the image carries both.\n"
        "Do instead: use a newer tag or digest of the base image (rebuilt by its maintainers with the "
        "updates), and upgrade only the packages you need (`apt-get install --only-upgrade libssl3`).\n"
        "Ignoring is fine when the base image is stale and cannot be changed.",
        "FROM debian:12\nRUN apt-get update && apt-get upgrade -y", "FROM debian:12.8", false, ""};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachPackageOperation(context, [&](const RunView& view, CommandRef ref, const PackageOperation& operation) {
      if (!context.model.Ships(view.stage->index)) return true;
      if (!IsSystemManager(operation.manager) || operation.action != PackageAction::kUpgrade) return true;
      if (!operation.packages.empty() || !operation.packages_known) return true;  // whole-system upgrades only
      findings->push_back(view.MakeFinding(info(), info().severity, ref,
                                           fmt::format("`{}` upgrades the whole system: the base image's files are "
                                                       "stored again in this layer; prefer a newer base tag",
                                                       Invocation(operation))));
      return true;
    });
  }
};

}  // namespace

std::string_view PackageBaseName(std::string_view package) {
  size_t end = package.find_first_of("=<>~:");
  return end == std::string_view::npos ? package : package.substr(0, end);
}

const Rule& UseraddLastlogRule() { static const UseraddLastlog kRule; return kRule; }
const Rule& DebugToolsRule() { static const DebugTools kRule; return kRule; }
const Rule& SystemUpgradeRule() { static const SystemUpgrade kRule; return kRule; }

}  // namespace slimage::rules
