#include "rules/cleanup_layer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "rules/copy_writes.h"
#include "rules/rule_helpers.h"
#include "rules/run_scan.h"
#include "rules/workdir.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;
using shell::PackageAction;
using shell::PackageManager;

// What a cleanup command deletes, so that the layer that wrote it can be found.
enum class Leftover { kAptLists, kAptArchives, kApkCache, kRpmCache, kPipCache, kJsCache, kTmp, kPath };

struct Cleanup {
  Leftover leftover = Leftover::kPath;
  std::optional<std::string> path;  // kPath: the removed path, located (Locate); nullopt: not known
  CommandRef ref;                   // the cleanup command, which the message quotes
};

std::optional<Leftover> CacheOfPath(std::string_view path) {
  if (PathUnder(path, "/var/lib/apt/lists")) return Leftover::kAptLists;
  if (PathUnder(path, "/var/cache/apt")) return Leftover::kAptArchives;
  if (PathUnder(path, "/var/cache/apk")) return Leftover::kApkCache;
  if (PathUnder(path, "/var/cache/yum") || PathUnder(path, "/var/cache/dnf") || PathUnder(path, "/var/cache/libdnf5")) {
    return Leftover::kRpmCache;
  }
  if (PathUnder(path, "/root/.cache/pip")) return Leftover::kPipCache;
  if (PathUnder(path, "/root/.npm")) return Leftover::kJsCache;
  if (PathUnder(path, "/tmp")) return Leftover::kTmp;
  return std::nullopt;
}

std::optional<Leftover> CacheOfClean(PackageManager manager) {
  switch (manager) {
    case PackageManager::kApt: return Leftover::kAptArchives;
    case PackageManager::kApk: return Leftover::kApkCache;
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf: return Leftover::kRpmCache;
    case PackageManager::kPip: return Leftover::kPipCache;
    case PackageManager::kNpm:
    case PackageManager::kYarn:
    case PackageManager::kPnpm: return Leftover::kJsCache;
    default: return std::nullopt;
  }
}

// The cleanups of a RUN, or nothing when the RUN does anything else too. Removed paths are
// located in the WORKDIR as the RUN's `cd`s moved it (RunScript::directories).
std::optional<std::vector<Cleanup>> OnlyCleanups(const RunView& view) {
  std::vector<Cleanup> cleanups;
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    const shell::RunAnalysis& analysis = view.scripts[s].analysis;
    const auto& commands = analysis.script.commands;
    std::vector<bool> handled(commands.size(), false);
    for (const shell::PackageOperation& operation : analysis.packages) {
      if (operation.action != PackageAction::kClean || operation.command_index >= commands.size()) continue;
      std::optional<Leftover> leftover = CacheOfClean(operation.manager);
      if (!leftover) return std::nullopt;
      handled[operation.command_index] = true;
      cleanups.push_back({*leftover, std::nullopt, CommandRef{s, operation.command_index}});
    }
    const std::vector<CommandDirectory>& directories = view.scripts[s].directories;
    for (const shell::FileOperation& operation : analysis.files) {
      if (operation.kind != shell::FileOperationKind::kRemove || operation.command_index >= commands.size()) continue;
      handled[operation.command_index] = true;
      for (const std::string& path : operation.paths) {
        for (const std::string& one : ExpandBraces(path)) {
          std::optional<std::string> located = Locate(directories[operation.command_index], one);
          std::optional<Leftover> leftover = located ? CacheOfPath(*located) : std::nullopt;
          // `find DIR -name … -delete` removes an unknown part of DIR: only a package cache or
          // /tmp (whoever wrote there wrote what it finds) is a cleanup whose writer can be named.
          if (operation.by_find && !leftover) return std::nullopt;
          cleanups.push_back({leftover.value_or(Leftover::kPath), located, CommandRef{s, operation.command_index}});
        }
      }
    }
    for (size_t c = 0; c < commands.size(); ++c) {
      if (handled[c]) continue;
      std::string name = commands[c].name();
      // Moving around writes nothing (the removals are located through the `cd`s).
      if (name.empty() || name == "set" || name == "true" || name == ":" || name == "cd" || name == "pushd" ||
          name == "popd") {
        continue;
      }
      return std::nullopt;
    }
  }
  if (cleanups.empty()) return std::nullopt;
  // Source order, so that the message quotes the RUN's first cleanup (package cleans were
  // collected before removals).
  std::stable_sort(cleanups.begin(), cleanups.end(),
                   [](const Cleanup& a, const Cleanup& b) { return a.ref < b.ref; });
  return cleanups;
}

bool HasOperation(const RunView& view, std::initializer_list<PackageManager> managers,
                  std::initializer_list<PackageAction> actions) {
  for (const RunScript& script : view.scripts) {
    for (const shell::PackageOperation& operation : script.analysis.packages) {
      bool manager = std::find(managers.begin(), managers.end(), operation.manager) != managers.end();
      bool action = std::find(actions.begin(), actions.end(), operation.action) != actions.end();
      if (manager && action) return true;
    }
  }
  return false;
}

// The destination of a COPY/ADD (its last argument), or empty.
std::string Destination(const Instruction& instruction) {
  const auto& args = instruction.expanded_args.empty() ? instruction.args : instruction.expanded_args;
  return args.size() >= 2 ? args.back() : std::string();
}

// `workdir`: the WORKDIR before the COPY, which a relative destination is relative to. Only what
// the COPY plausibly wrote counts (CopyWrites): `COPY app.conf /` writes /app.conf, not all of /.
bool CopyWrote(const Instruction& instruction, const std::optional<std::string>& workdir, const Cleanup& cleanup,
               const std::string& context_dir) {
  std::string written = Destination(instruction);
  std::optional<std::string> destination = written.empty() ? std::nullopt : Locate(CommandDirectory{workdir}, written);
  if (!destination) return false;
  if (cleanup.leftover != Leftover::kTmp && cleanup.leftover != Leftover::kPath) return false;
  CopyInput input{CopySources(instruction), written, *destination, context_dir,
                  instruction.FindFlag("from") != nullptr, instruction.kind == InstructionKind::kAdd};
  for (const CopyWrite& write : CopyWrites(input)) {
    if (cleanup.path ? RemovalHits(*cleanup.path, write) : PathUnder(write.path, "/tmp")) return true;
  }
  return false;
}

// Whether `directory`, an archive's extraction target (tar -C, unzip -d, 7z -o) of a command in
// `at`, holds `wanted`: the archive wrote anything below it. Extracting into `/` claims nothing
// in particular (a root filesystem: too broad to name as the writer).
bool ExtractedInto(const CommandDirectory& at, std::string_view directory, std::string_view wanted) {
  std::optional<std::string> path = Locate(at, directory);
  if (!path || *path == "/") return false;
  return PathUnder(wanted, *path) || PathUnder(*path, wanted);
}

// Whether the RUN `view` wrote what `cleanup` removes (its paths located as RunScript::directories
// says). A cache mount over the cache kept it out of the layer.
bool RunWrites(const RunView& view, const Cleanup& cleanup) {
  const Instruction& run = *view.run;
  switch (cleanup.leftover) {
    case Leftover::kAptLists:
      // Only `update` writes the lists (SL301).
      return HasOperation(view, {PackageManager::kApt}, {PackageAction::kUpdate}) &&
             !RemovesUnder(view, "/var/lib/apt/lists") && !CacheMountCovers(run, {"/var/lib/apt/lists"});
    case Leftover::kAptArchives:
      return HasOperation(view, {PackageManager::kApt}, {PackageAction::kInstall, PackageAction::kUpgrade}) &&
             !CacheMountCovers(run, {"/var/cache/apt"});
    case Leftover::kApkCache:
      return HasOperation(view, {PackageManager::kApk}, {PackageAction::kInstall, PackageAction::kUpdate}) &&
             !CacheMountCovers(run, {"/var/cache/apk", "/etc/apk/cache"});
    case Leftover::kRpmCache:
      return HasOperation(view, {PackageManager::kYum, PackageManager::kDnf, PackageManager::kMicrodnf},
                          {PackageAction::kInstall, PackageAction::kUpgrade}) &&
             !CacheMountCovers(run, {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"});
    case Leftover::kPipCache:
      return HasOperation(view, {PackageManager::kPip}, {PackageAction::kInstall}) &&
             !CacheMountCovers(run, {"/root/.cache/pip"}, {"/.cache/pip"});
    case Leftover::kJsCache:
      return HasOperation(view, {PackageManager::kNpm, PackageManager::kYarn, PackageManager::kPnpm},
                          {PackageAction::kInstall}) &&
             !CacheMountCovers(run, {"/root/.npm"}, {"/.npm"});
    case Leftover::kTmp:
    case Leftover::kPath: {
      if (cleanup.leftover == Leftover::kPath && !cleanup.path) return false;
      std::string wanted = cleanup.leftover == Leftover::kTmp ? std::string("/tmp") : *cleanup.path;
      for (const RunScript& script : view.scripts) {
        const auto& commands = script.analysis.script.commands;
        const std::vector<CommandDirectory>& directories = script.directories;
        auto under = [&](size_t command_index, std::string_view written) {
          std::optional<std::string> path =
              command_index < directories.size() ? Locate(directories[command_index], written) : std::nullopt;
          return path && PathUnder(*path, wanted);
        };
        for (const shell::Download& download : script.analysis.downloads) {
          if (download.output_path && under(download.command_index, *download.output_path)) return true;
        }
        for (const shell::Extraction& extraction : script.analysis.extractions) {
          if (extraction.directory && extraction.command_index < directories.size() &&
              ExtractedInto(directories[extraction.command_index], *extraction.directory, wanted)) {
            return true;
          }
        }
        for (size_t c = 0; c < commands.size(); ++c) {
          for (const shell::Redirection& redirect : commands[c].redirects) {
            if ((redirect.op == ">" || redirect.op == ">>") && under(c, redirect.target)) return true;
          }
        }
        for (const shell::FileOperation& operation : script.analysis.files) {
          if (operation.kind != shell::FileOperationKind::kMkdir) continue;
          for (const std::string& path : operation.paths) {
            if (under(operation.command_index, path)) return true;
          }
        }
      }
      return false;
    }
  }
  return false;
}

std::string Summary(const Instruction& instruction) {
  std::string text = std::string(KindName(instruction.kind)) + " ";
  std::string body = instruction.kind == InstructionKind::kRun ? instruction.command : fmt::format("{}", fmt::join(instruction.args, " "));
  for (char& c : body) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (body.size() > 40) {
    body.resize(37);
    while (!body.empty() && body.back() == ' ') body.pop_back();
    body += "...";
  }
  return text + body;
}

class CleanupLayer final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL302", Severity::kWarning, "Cleanup in a separate layer saves nothing",
        "Each RUN, COPY and ADD freezes a layer. Deleting files in a later RUN only hides them: the "
        "earlier layer still holds the bytes, and the image is as big as before (plus a layer of "
        "whiteouts).\n"
        "Do instead: clean up in the RUN that created the files (`apt-get install ... && rm -rf "
        "/var/lib/apt/lists/*`), use a cache mount for package caches "
        "(`RUN --mount=type=cache,target=...`), or keep the files out of the image (a build stage, "
        "`.dockerignore`, `COPY` only what you need).\n"
        "Ignoring is fine in a stage that never ships.",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
        "    && rm -rf /var/lib/apt/lists/*",
        true, ""};
    return kInfo;
  }

  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    const std::vector<RunView>& runs = Runs(context);
    std::map<const Instruction*, const RunView*> by_instruction;
    for (const RunView& view : runs) by_instruction[view.reported] = &view;
    for (const RunView& view : runs) {
      if (view.reported != view.run) continue;  // ONBUILD: runs in another build
      std::optional<Severity> severity = CacheRuleSeverity(context, *view.stage, info().severity);
      if (!severity) continue;
      std::optional<std::vector<Cleanup>> cleanups =
          OnlyCleanups(view);
      if (!cleanups) continue;
      const Instruction* holder = nullptr;
      bool all_found = true;
      for (const Cleanup& cleanup : *cleanups) {
        const Instruction* found = FindWriter(context, by_instruction, view, cleanup);
        if (found == nullptr) {
          all_found = false;
          break;
        }
        if (holder == nullptr) holder = found;
      }
      if (!all_found || holder == nullptr) continue;
      // The cleanup as written (argv joined: `rm -rf /var/lib/apt/lists/*`, `yum clean all`);
      // CommandSummary keeps it on one line and shortens a very long one to about 80 bytes,
      // ending with "…" after the last whole word.
      Finding finding = view.MakeFinding(
          info(), *severity, CommandRef{},
          fmt::format("`{}` in its own layer saves nothing: the bytes stay in the layer of line {} (`{}`)",
                      CommandSummary(view.Command(cleanups->front().ref)), holder->position.line,
                      Summary(*holder)));
      finding.related_line = holder->position.line;
      findings->push_back(std::move(finding));
    }
  }

 private:
  // The latest instruction before `view` in its stage (or a stage it is built FROM) that wrote
  // what `cleanup` deletes.
  static const Instruction* FindWriter(const LintContext& context,
                                       const std::map<const Instruction*, const RunView*>& by_instruction,
                                       const RunView& view, const Cleanup& cleanup) {
    const dockerfile::Stage* stage = view.stage;
    size_t limit = view.instruction_index;
    for (int hops = 0; stage != nullptr && hops < 256; ++hops) {
      for (size_t i = std::min(limit, stage->instructions.size()); i-- > 0;) {
        const Instruction& instruction = stage->instructions[i];
        if (instruction.kind == InstructionKind::kCopy || instruction.kind == InstructionKind::kAdd) {
          if (CopyWrote(instruction, WorkdirBefore(context.model, *stage, i), cleanup, context.settings.context_dir)) {
            return &instruction;
          }
        } else if (instruction.kind == InstructionKind::kRun) {
          auto it = by_instruction.find(&instruction);
          if (it != by_instruction.end() && RunWrites(*it->second, cleanup)) {
            return &instruction;
          }
        }
      }
      if (stage->base_stage < 0 || static_cast<size_t>(stage->base_stage) >= context.model.stages.size()) break;
      stage = &context.model.stages[static_cast<size_t>(stage->base_stage)];
      limit = stage->instructions.size();
    }
    return nullptr;
  }
};

}  // namespace

const Rule& CleanupLayerRule() { static const CleanupLayer kRule; return kRule; }

}  // namespace slimage::rules
