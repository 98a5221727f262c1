#include "rules/leftovers.h"

#include <fnmatch.h>

#include <algorithm>

#include <fmt/format.h>

#include "rules/bundler_cache.h"
#include "rules/run_scan.h"
#include "rules/workdir.h"

namespace slimage::rules {
namespace {

using dockerfile::InstructionKind;
using shell::PackageAction;
using shell::PackageManager;
using shell::PackageOperation;

// ---------------------------------------------------------------- SL308
bool PrunesDevDependencies(const std::vector<RunView>& runs, const RunView& install, CommandRef ref) {
  bool after = false;
  for (const RunView& view : runs) {
    if (&view == &install) after = true;
    if (!after || view.stage != install.stage) continue;
    for (size_t s = 0; s < view.scripts.size(); ++s) {
      const auto& commands = view.scripts[s].analysis.script.commands;
      for (size_t c = 0; c < commands.size(); ++c) {
        if (&view == &install && CommandRef{s, c} < ref) continue;
        std::vector<std::string> args = commands[c].args();
        if (args.size() < 2 || (args[0] != "npm" && commands[c].name() != "npm") || args[1] != "prune") continue;
        for (const std::string& arg : args) {
          if (arg == "--production" || arg == "--omit=dev" || arg == "--only=production") return true;
        }
      }
      // A later `yarn --production` removes what the earlier `yarn` installed for development, and
      // a later `npm ci --omit=dev` starts node_modules afresh.
      for (const PackageOperation& later : view.scripts[s].analysis.packages) {
        if (&view == &install && !(ref < CommandRef{s, later.command_index})) continue;
        if (later.action != PackageAction::kInstall || !later.packages.empty()) continue;
        bool yarn = later.manager == PackageManager::kYarn && later.HasOption({"--production"});
        std::optional<std::string> omit = later.OptionValue({"--omit"});
        bool npm_ci = later.manager == PackageManager::kNpm && later.subcommand == "ci" && omit && *omit == "dev";
        if (yarn || npm_ci) return true;
      }
    }
  }
  return false;
}

class JsDevDependencies final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL308", Severity::kWarning, "A shipped stage installs JavaScript devDependencies",
        "`npm ci` and `npm install` install devDependencies (test runners, bundlers, type checkers, "
        "linters) unless told otherwise; they are often larger than the runtime dependencies and the "
        "application never loads them.\n"
        "Do instead: `npm ci --omit=dev` (`NODE_ENV=production`, `yarn install --production`) in the "
        "shipped stage, or build in a separate stage and copy only the output and the production "
        "node_modules.\n"
        "Ignoring is fine when the runtime really needs a devDependency (then move it to dependencies).",
        "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci",
        "FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci --omit=dev && npm cache clean --force", false, ""};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    const std::vector<RunView>& runs = Runs(context);
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref,
                                                   const PackageOperation& operation, Severity severity) {
      if (operation.action != PackageAction::kInstall || !operation.packages.empty()) return true;
      bool npm = operation.manager == PackageManager::kNpm &&
                 (operation.subcommand == "install" || operation.subcommand == "ci" || operation.subcommand == "i");
      bool yarn = operation.manager == PackageManager::kYarn &&
                  (operation.subcommand == "install" || operation.subcommand.empty());
      if (!npm && !yarn) return true;
      if (operation.HasOption({"--production", "-g", "--global"})) return true;
      if (npm) {
        std::optional<std::string> omit = operation.OptionValue({"--omit"});
        std::optional<std::string> only = operation.OptionValue({"--only"});
        if ((omit && *omit == "dev") || (only && only->starts_with("prod"))) return true;
      }
      std::optional<std::string> node_env = VariableFor(view, ref, "NODE_ENV");
      if (node_env && *node_env == "production") return true;
      if (PrunesDevDependencies(runs, view, ref)) return true;
      findings->push_back(view.MakeFinding(
          info(), severity, ref,
          fmt::format("`{}` installs devDependencies in the shipped image; use `{}`", Invocation(operation),
                      npm ? "--omit=dev" : "--production")));
      return true;
    });
  }
};

// ---------------------------------------------------------------- SL309
bool BaseIsGoToolchain(const dockerfile::Stage& stage) {
  std::string_view base = stage.base_name;
  size_t slash = base.rfind('/');
  std::string_view image = slash == std::string_view::npos ? base : base.substr(slash + 1);
  return image == "golang" || image.starts_with("golang:") || image.starts_with("golang@");
}

class ToolCaches final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL309", Severity::kInfo, "gem/bundle/go/cargo leave documentation or build caches in the layer",
        "`gem install` builds ri/rdoc documentation, `bundle install` keeps every downloaded .gem file "
        "(/usr/local/bundle/cache, or ruby/*/cache under a configured BUNDLE_PATH, vendor/bundle in "
        "deployment mode) and `bundle cache` copies them to "
        "vendor/cache, `go install`/`go build` fill ~/.cache/go-build and "
        "`cargo install` fills ~/.cargo/registry: megabytes to hundreds of megabytes that the program "
        "never reads, stored in the layer.\n"
        "Do instead: `gem install --no-document`; for bundle, go and cargo, clean in the same RUN "
        "(`rm -rf /usr/local/bundle/cache`, `go clean -cache`, `rm -rf /root/.cache/go-build`, "
        "`rm -rf $CARGO_HOME/registry`) or use a "
        "cache mount (`RUN --mount=type=cache,target=/root/.cache/go-build go build ...`), or build in a "
        "separate stage and copy only the binary.\n"
        "Ignoring is fine in a build stage whose files are not copied whole.",
        "RUN gem install bundler", "RUN gem install --no-document bundler", true, ""};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    ForEachCacheRuleOperation(context, info(), [&](const RunView& view, CommandRef ref,
                                                   const PackageOperation& operation, Severity severity) {
      std::optional<std::string> message = Check(context, view, ref, operation);
      if (message) findings->push_back(view.MakeFinding(info(), severity, ref, std::move(*message)));
      return true;
    });
  }

 private:
  static std::optional<std::string> Check(const LintContext& context, const RunView& view, CommandRef ref,
                                          const PackageOperation& operation) {
    if (operation.manager == PackageManager::kBundle) return BundleCacheLeft(context, view, ref, operation);
    if (operation.manager == PackageManager::kGem && operation.action == PackageAction::kInstall) {
      if (operation.HasOption({"--no-document", "-N", "--no-rdoc", "--no-ri"})) return std::nullopt;
      return fmt::format("`{}` without `--no-document`: ri/rdoc documentation lands in this layer",
                         Invocation(operation));
    }
    if (operation.manager == PackageManager::kGo &&
        (operation.subcommand == "install" || operation.subcommand == "build")) {
      if (BaseIsGoToolchain(*view.stage)) return std::nullopt;  // SL101 reports the toolchain image
      if (RemovesUnder(view, "/root/.cache/go-build", ref) || RemovesUnder(view, "/root/.cache", ref) ||
          CacheMountCovers(*view.run, {"/root/.cache/go-build"}, {"/.cache/go-build"})) {
        return std::nullopt;
      }
      for (const RunScript& script : view.scripts) {
        for (const PackageOperation& later : script.analysis.packages) {
          if (later.manager == PackageManager::kGo && later.action == PackageAction::kClean) return std::nullopt;
        }
      }
      return fmt::format("`{}` without cleaning /root/.cache/go-build in the same RUN: the build cache lands in "
                         "this layer",
                         Invocation(operation));
    }
    if (operation.manager == PackageManager::kCargo && operation.action == PackageAction::kInstall) {
      if (RemovesUnder(view, "/root/.cargo/registry", ref) || RemovesUnder(view, "/usr/local/cargo/registry", ref) ||
          CacheMountCovers(*view.run, {"/root/.cargo/registry", "/usr/local/cargo/registry"}, {"/registry"})) {
        return std::nullopt;
      }
      std::optional<std::string_view> home = view.run->env.Find("CARGO_HOME");
      if (home && RemovesUnder(view, std::string(*home) + "/registry", ref)) return std::nullopt;
      return fmt::format("`{}` leaves the crate registry (~/.cargo/registry) in this layer", Invocation(operation));
    }
    return std::nullopt;
  }
};

// ---------------------------------------------------------------- SL310
std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool Glob(std::string_view pattern, std::string_view name) {
  return fnmatch(std::string(pattern).c_str(), std::string(name).c_str(), 0) == 0;
}

// A path named by a command of a RUN, as written and as resolved where the command runs
// (ResolveAt: nullopt after a `cd` to somewhere unknown).
struct RunPath {
  std::string written;
  std::optional<std::string> resolved;
};

RunPath PathAt(const std::vector<CommandDirectory>& directories, size_t command_index, std::string_view written) {
  RunPath path{std::string(written), std::nullopt};
  if (command_index < directories.size()) path.resolved = ResolveAt(directories[command_index], written);
  return path;
}

// True when the download wrote the archive. Unresolved (a `cd` to somewhere unknown): the same
// relative path as written, which the build's own tar would not find otherwise.
bool SameFile(const RunPath& download, const RunPath& archive) {
  if (download.resolved && archive.resolved) return *download.resolved == *archive.resolved;
  return download.written == archive.written && !download.written.starts_with('/');
}

// True when `rm` of `removed` deletes `archive`: the same path, a glob matching it, or a folder
// above it (`rm -rf /tmp/build`). When either side is unresolved, a matching base name or any
// recursive removal counts: better quiet than a guess.
bool RemovalCovers(const RunPath& removed, bool recursive, const RunPath& archive) {
  if (removed.resolved && archive.resolved) {
    std::string folder = *removed.resolved;
    while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
    return Glob(folder, *archive.resolved) || Glob(folder + "/*", *archive.resolved);
  }
  return recursive || Glob(BaseName(removed.written), BaseName(archive.written));
}

bool IsArchiveUrl(std::string_view url) {
  size_t query = url.find_first_of("?#");
  std::string_view path = url.substr(0, query);
  for (std::string_view suffix : {".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar.zst", ".zip"}) {
    if (path.ends_with(suffix)) return true;
  }
  return false;
}

class KeptArchive final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL310", Severity::kWarning, "A downloaded archive is extracted but kept in the layer",
        "After `curl -o app.tar.gz ... && tar -xzf app.tar.gz` the image holds both the archive and "
        "what it contained, unless the same RUN deletes the archive. A remote `ADD https://.../x.tar.gz` "
        "is not extracted at all: the archive itself becomes a layer.\n"
        "Do instead: `curl -fsSL URL | tar -xz -C /opt`, or `rm` the archive in the same RUN; replace a "
        "remote ADD with such a RUN (or `ADD --checksum=...` + extraction in a build stage).\n"
        "Ignoring is fine in a build stage, or when the archive is what the image serves.",
        "RUN curl -fsSLo /tmp/node.tar.xz https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz \\\n"
        "    && tar -xJf /tmp/node.tar.xz -C /usr/local --strip-components=1",
        "RUN curl -fsSL https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz \\\n"
        "    | tar -xJ -C /usr/local --strip-components=1",
        false, ""};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    for (const RunView& view : Runs(context)) {
      if (!context.model.Ships(view.stage->index)) continue;
      // Paths are compared where they point: the WORKDIR as the RUN's `cd`s moved it.
      for (size_t s = 0; s < view.scripts.size(); ++s) {
        const shell::RunAnalysis& analysis = view.scripts[s].analysis;
        const std::vector<CommandDirectory>& directories = view.scripts[s].directories;
        for (const shell::Extraction& extraction : analysis.extractions) {
          if (extraction.archive.empty() || extraction.archive == "-") continue;
          RunPath archive = PathAt(directories, extraction.command_index, extraction.archive);
          bool downloaded = std::any_of(analysis.downloads.begin(), analysis.downloads.end(),
                                        [&](const shell::Download& download) {
                                          return download.output_path && !download.to_stdout &&
                                                 SameFile(PathAt(directories, download.command_index,
                                                                 *download.output_path),
                                                          archive);
                                        });
          if (!downloaded || Removed(view, archive)) continue;
          findings->push_back(view.MakeFinding(
              info(), info().severity, CommandRef{s, extraction.command_index},
              fmt::format("`{}` is extracted but not deleted in the same RUN: the archive stays in this layer",
                          extraction.archive)));
        }
      }
    }
    for (int index : context.model.shipped) {
      if (index < 0 || static_cast<size_t>(index) >= context.model.stages.size()) continue;
      const dockerfile::Stage& stage = context.model.stages[static_cast<size_t>(index)];
      for (const dockerfile::Instruction& instruction : stage.instructions) {
        if (instruction.kind != InstructionKind::kAdd) continue;
        const auto& args = instruction.expanded_args.empty() ? instruction.args : instruction.expanded_args;
        for (size_t i = 0; i + 1 < args.size(); ++i) {
          std::string_view source = args[i];
          bool remote = source.starts_with("http://") || source.starts_with("https://");
          if (!remote || !IsArchiveUrl(source)) continue;
          Finding finding;
          finding.rule = std::string(info().id);
          finding.severity = info().severity;
          finding.line = instruction.position.line;
          finding.column = instruction.position.column;
          finding.end_line = std::max(instruction.end_line, instruction.position.line);
          finding.stage = stage.Label();
          finding.message = fmt::format("`ADD {}` stores the archive itself in a layer (remote ADD does not "
                                        "extract); download and extract in one RUN",
                                        source);
          findings->push_back(std::move(finding));
        }
      }
    }
  }

 private:
  static bool Removed(const RunView& view, const RunPath& archive) {
    for (size_t s = 0; s < view.scripts.size(); ++s) {
      for (const shell::FileOperation& operation : view.scripts[s].analysis.files) {
        if (operation.kind != shell::FileOperationKind::kRemove) continue;
        for (const std::string& path : operation.paths) {
          for (const std::string& one : ExpandBraces(path)) {
            if (RemovalCovers(PathAt(view.scripts[s].directories, operation.command_index, one), operation.recursive,
                              archive)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
};

}  // namespace

const Rule& JsDevDependenciesRule() { static const JsDevDependencies kRule; return kRule; }
const Rule& ToolCachesRule() { static const ToolCaches kRule; return kRule; }
const Rule& KeptArchiveRule() { static const KeptArchive kRule; return kRule; }

}  // namespace slimage::rules
