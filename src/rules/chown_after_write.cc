// SL602: a later RUN's chown/chmod of files that an earlier instruction of the stage wrote (rules.md
// SL602). What a COPY/ADD wrote comes from rules/copy_writes.h, so the finding names the
// instruction whose source lands at the path.
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "rules/combine.h"
#include "rules/copy_writes.h"
#include "rules/owner_mode.h"
#include "rules/rule_helpers.h"
#include "rules/run_scan.h"
#include "rules/workdir.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;
using shell::FileOperation;
using shell::FileOperationKind;

bool HasGlob(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

bool Matches(std::string_view pattern, std::string_view path) {
  return fnmatch(std::string(pattern).c_str(), std::string(path).c_str(), FNM_PATHNAME) == 0;
}

// Where each command of each script of `view` runs, with no WORKDIR in the stage chain taken as
// `/` (rules.md: `./` with no WORKDIR is `/`).
std::vector<std::vector<CommandDirectory>> DirectoriesOfRun(const dockerfile::BuildModel& model, const RunView& view) {
  std::vector<std::vector<CommandDirectory>> directories;
  std::optional<std::string> workdir = WorkdirBefore(model, *view.stage, view.instruction_index);
  std::optional<std::string> or_root = WorkdirOrRootBefore(model, *view.stage, view.instruction_index);
  for (const RunScript& script : view.scripts) {
    directories.push_back(workdir == or_root ? script.directories : DirectoriesOf(script.analysis.script, or_root));
  }
  return directories;
}

CopyInput InputOf(const LintContext& context, const dockerfile::Stage& stage, size_t index, const Instruction& copy) {
  const auto& args = copy.expanded_args.empty() ? copy.args : copy.expanded_args;
  std::string destination = args.size() >= 2 ? args.back() : std::string();
  std::optional<std::string> located =
      destination.empty() ? std::nullopt
                          : Locate(CommandDirectory{WorkdirOrRootBefore(context.model, stage, index)}, destination);
  return CopyInput{CopySources(copy), destination, located.value_or(""), context.settings.context_dir,
                   copy.FindFlag("from") != nullptr, copy.kind == InstructionKind::kAdd};
}

// What a COPY's write says about a chowned path.
enum class Verdict {
  kNone,       // it did not write the path
  kWrote,      // it wrote the file, or (recursive) files under the path
  kDirectory,  // the path is a directory it wrote, and the change is not recursive: only its entry
};

// What the build context holds at a copied path: 0 nothing known, 1 a file, 2 a directory.
int LookUp(const CopyInput& input, const CopyWrite& write, std::string_view path) {
  std::optional<std::string> file = ContextPathOf(input, write, path);
  if (!file) return 0;
  namespace fs = std::filesystem;
  std::error_code error;
  fs::file_status status = fs::status(*file, error);
  if (error) return 0;
  return fs::is_directory(status) ? 2 : fs::is_regular_file(status) ? 1 : 0;
}

// `directory_hint`: the chmod mode has `X`, which only tells directories from files.
Verdict Judge(const CopyInput& input, const CopyWrite& write, std::string_view path, bool recursive,
              bool directory_hint) {
  if (input.located_destination.empty()) return Verdict::kNone;
  bool directory_path = path.ends_with('/') || path.ends_with("/.");
  std::string clean = ResolvePath("/", path);
  if (HasGlob(clean) || HasGlob(write.path)) {
    if (Matches(clean, write.path) || Matches(write.path, clean)) return Verdict::kWrote;
  }
  if (clean == write.path) {
    // A source guessed to be a folder for want of an extension is as often a script or a binary
    // (`ADD atomic-install /container/atomic-install` + `chmod +x`).
    bool directory = write.tree && (!write.guessed || directory_hint || directory_path);
    return directory && !recursive ? Verdict::kDirectory : Verdict::kWrote;
  }
  if (PathUnder(write.path, clean)) return recursive ? Verdict::kWrote : Verdict::kDirectory;
  if (write.tree && PathUnder(clean, write.path)) {
    int found = LookUp(input, write, clean);
    // A tree copied into `/` shares it with the whole base image: only what the build context
    // holds is the COPY's (`COPY . /` then `chmod +x /entrypoint.sh`).
    if (write.path == "/" && found == 0) return Verdict::kNone;
    if ((found == 2 || directory_path) && !recursive) return Verdict::kDirectory;
    return Verdict::kWrote;
  }
  return Verdict::kNone;
}

// The same verdict over all the writes of a COPY: kWrote wins over kDirectory.
Verdict JudgeCopy(const CopyInput& input, std::string_view path, bool recursive, bool directory_hint) {
  Verdict verdict = Verdict::kNone;
  for (const CopyWrite& write : CopyWrites(input)) {
    Verdict one = Judge(input, write, path, recursive, directory_hint);
    if (one == Verdict::kWrote) return one;
    if (one == Verdict::kDirectory) verdict = one;
  }
  return verdict;
}

// Whether the COPY already sets what the chown/chmod sets.
bool FollowsAlready(const Instruction& copy, const FileOperation& operation, bool directory) {
  bool chown = operation.kind == FileOperationKind::kChown;
  const dockerfile::Flag* flag = copy.FindFlag(chown ? "chown" : "chmod");
  if (flag == nullptr || !flag->value || flag->value->empty()) return false;
  if (chown) return SameOwner(*flag->value, operation.owner_or_mode);
  unsigned mode = 0;
  for (char c : *flag->value) {
    if (c < '0' || c > '7') return false;
    mode = mode * 8 + static_cast<unsigned>(c - '0');
  }
  std::optional<unsigned> after = ApplyChmod(mode, operation.owner_or_mode, directory);
  return after && *after == mode;
}

// The file-writing commands of a RUN before `at`: downloads, redirections, extraction folders.
struct RunWrite {
  std::string path;
  bool tree = false;  // an extraction folder
};

std::vector<RunWrite> RunWrites(const RunView& view, const std::vector<std::vector<CommandDirectory>>& directories,
                                std::optional<CommandRef> before) {
  std::vector<RunWrite> writes;
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    const shell::RunAnalysis& analysis = view.scripts[s].analysis;
    auto add = [&](size_t command, std::string_view written, bool tree) {
      if (before && !(CommandRef{s, command} < *before)) return;
      if (command >= directories[s].size()) return;
      if (std::optional<std::string> path = Locate(directories[s][command], written)) writes.push_back({*path, tree});
    };
    for (const shell::Download& download : analysis.downloads) {
      if (download.output_path) add(download.command_index, *download.output_path, false);
    }
    for (const shell::Extraction& extraction : analysis.extractions) {
      if (extraction.directory) add(extraction.command_index, *extraction.directory, true);
    }
    for (size_t c = 0; c < analysis.script.commands.size(); ++c) {
      for (const shell::Redirection& redirect : analysis.script.commands[c].redirects) {
        if (redirect.op == ">" || redirect.op == ">>") add(c, redirect.target, false);
      }
    }
  }
  return writes;
}

Verdict JudgeRunWrite(const RunWrite& write, std::string_view path, bool recursive) {
  if (write.path == path) return write.tree && !recursive ? Verdict::kDirectory : Verdict::kWrote;
  if (PathUnder(write.path, path)) return recursive ? Verdict::kWrote : Verdict::kDirectory;
  if (write.tree && PathUnder(path, write.path)) return Verdict::kWrote;
  return Verdict::kNone;
}

// The operands of `touch`, and the destination of `cp`, `mv`, `install`, `ln`: paths a command
// creates (or replaces).
std::vector<std::string> CreatedBy(const shell::ShellCommand& command) {
  std::string name = command.name();
  std::vector<std::string> args = command.args();
  std::vector<std::string> operands;
  bool options_done = false;
  for (size_t i = 1; i < args.size(); ++i) {
    if (!options_done && args[i] == "--") {
      options_done = true;
    } else if (!options_done && args[i].size() > 1 && args[i][0] == '-') {
      // touch -d/-t/-r, install -m/-o/-g, cp/mv -t take a value
      if (args[i].size() == 2 && std::string_view("dtrmogST").find(args[i][1]) != std::string_view::npos) ++i;
    } else {
      operands.push_back(args[i]);
    }
  }
  if (name == "touch") return operands;
  if ((name == "cp" || name == "mv" || name == "install" || name == "ln") && operands.size() >= 2) {
    return {operands.back()};
  }
  return {};
}

class LaterChown final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL602", Severity::kWarning, "chown/chmod in a later RUN stores the files again",
        "A layer stores whole files: changing only the owner or mode of a file written by an earlier "
        "instruction copies the complete file into the new layer (measured: a 20 MB file after COPY "
        "costs 21 MB more; `chown -R` and `chmod -R` in two more RUNs cost 42 MB more).\n"
        "Do instead: after COPY/ADD, use `COPY --chown=app:app --chmod=755 ...` and drop the RUN; after a "
        "RUN, change owner and mode in the RUN that wrote the files.\n"
        "Not reported: what the same RUN creates (mkdir, touch, a download) or deletes, a non-recursive "
        "chown/chmod of a directory (only its entry is stored again), and an owner or mode the COPY "
        "already sets.\n"
        "Ignoring is fine for small files.",
        "COPY app /app\nRUN chown -R app:app /app", "COPY --chown=app:app app /app", true, ""};
    return kInfo;
  }

  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    const std::vector<RunView>& runs = Runs(context);
    std::map<const Instruction*, const RunView*> by_instruction;
    for (const RunView& view : runs) {
      if (view.run == view.reported) by_instruction[view.run] = &view;
    }
    for (const RunView& view : runs) {
      if (view.run != view.reported || !context.model.Ships(view.stage->index)) continue;
      std::vector<std::vector<CommandDirectory>> directories = DirectoriesOfRun(context.model, view);
      for (size_t s = 0; s < view.scripts.size(); ++s) {
        for (const FileOperation& operation : view.scripts[s].analysis.files) {
          if (operation.kind != FileOperationKind::kChown && operation.kind != FileOperationKind::kChmod) continue;
          if (operation.command_index >= directories[s].size()) continue;
          CommandRef at{s, operation.command_index};
          for (const std::string& written_path : operation.paths) {
            std::optional<std::string> path = Locate(directories[s][operation.command_index], written_path);
            if (!path) continue;  // after a `cd` to somewhere unknown
            if (CreatedInRun(context, view, directories, at, *path) || RemovedLater(view, directories, at, *path)) {
              continue;
            }
            std::optional<Finding> finding =
                Report(context, by_instruction, view, at, operation, written_path, *path,
                       view.scripts[s].directories[operation.command_index]);
            if (!finding) continue;
            findings->push_back(std::move(*finding));
            break;  // one finding per command
          }
        }
      }
    }
  }

 private:
  // Whether a COPY of the stage before `view` provably wrote `path` itself: the path or something
  // below it, or (in a tree) what the build context holds there.
  static bool CopyWroteExactly(const LintContext& context, const RunView& view, std::string_view path) {
    const dockerfile::Stage& stage = *view.stage;
    for (size_t i = std::min(view.instruction_index, stage.instructions.size()); i-- > 0;) {
      const Instruction& instruction = stage.instructions[i];
      if (instruction.kind != InstructionKind::kCopy && instruction.kind != InstructionKind::kAdd) continue;
      CopyInput input = InputOf(context, stage, i, instruction);
      if (input.located_destination.empty()) continue;
      for (const CopyWrite& write : CopyWrites(input)) {
        if (write.path == path || PathUnder(write.path, path)) return true;
        if (write.tree && PathUnder(path, write.path) && LookUp(input, write, path) != 0) return true;
      }
    }
    return false;
  }

  // Whether a command of the same RUN before `at` created `path` or a folder above it: a download,
  // a redirection, an extraction, `touch`, `mkdir`, the destination of `cp`/`mv`/`install`/`ln`.
  // `mkdir -p`, `touch`, `cp`… of what a COPY wrote create nothing new.
  static bool CreatedInRun(const LintContext& context, const RunView& view,
                           const std::vector<std::vector<CommandDirectory>>& directories, CommandRef at,
                           std::string_view path) {
    for (const RunWrite& write : RunWrites(view, directories, at)) {
      // A download or redirection replaces the whole file; an extraction adds to a folder that a
      // COPY may have filled (`tar -x -C /app` then `chown -R app /app` stores the COPY's files again).
      if (!write.tree && PathUnder(path, write.path)) return true;
      if (write.tree && PathUnder(path, write.path) && !CopyWroteExactly(context, view, path)) return true;
    }
    for (size_t s = 0; s <= at.script && s < view.scripts.size(); ++s) {
      const shell::RunAnalysis& analysis = view.scripts[s].analysis;
      auto located = [&](size_t command, std::string_view written) -> std::optional<std::string> {
        if (!(CommandRef{s, command} < at) || command >= directories[s].size()) return std::nullopt;
        return Locate(directories[s][command], written);
      };
      for (const FileOperation& operation : analysis.files) {
        if (operation.kind != FileOperationKind::kMkdir) continue;
        for (const std::string& made : operation.paths) {
          std::optional<std::string> folder = located(operation.command_index, made);
          if (!folder || !PathUnder(path, *folder)) continue;
          // Without -p mkdir fails on a folder that exists: it made it.
          if (!operation.recursive || !CopyWroteExactly(context, view, path)) return true;
        }
      }
      for (size_t c = 0; c < analysis.script.commands.size(); ++c) {
        for (const std::string& made : CreatedBy(analysis.script.commands[c])) {
          std::optional<std::string> file = located(c, made);
          if (file && (*file == path) && !CopyWroteExactly(context, view, path)) return true;
        }
      }
    }
    return false;
  }

  // Whether a command of the same RUN after `at` removes `path` or a folder above it.
  static bool RemovedLater(const RunView& view, const std::vector<std::vector<CommandDirectory>>& directories,
                           CommandRef at, std::string_view path) {
    for (size_t s = at.script; s < view.scripts.size(); ++s) {
      for (const FileOperation& operation : view.scripts[s].analysis.files) {
        if (operation.kind != FileOperationKind::kRemove || !(at < CommandRef{s, operation.command_index})) continue;
        if (operation.command_index >= directories[s].size()) continue;
        for (const std::string& removed : operation.paths) {
          for (const std::string& one : ExpandBraces(removed)) {
            std::optional<std::string> located = Locate(directories[s][operation.command_index], one);
            if (located && RemovalHits(*located, CopyWrite{std::string(path), false, 0})) return true;
          }
        }
      }
    }
    return false;
  }

  std::optional<Finding> Report(const LintContext& context,
                                const std::map<const Instruction*, const RunView*>& by_instruction,
                                const RunView& view, CommandRef at, const FileOperation& operation,
                                const std::string& written_path, const std::string& path,
                                const CommandDirectory& shown_directory) const {
    bool recursive = operation.recursive;
    bool directory_hint = operation.kind == FileOperationKind::kChmod &&
                          operation.owner_or_mode.find('X') != std::string::npos;
    const Instruction* writer = nullptr;
    const dockerfile::Stage& stage = *view.stage;
    for (size_t i = std::min(view.instruction_index, stage.instructions.size()); i-- > 0 && writer == nullptr;) {
      const Instruction& instruction = stage.instructions[i];
      if (instruction.kind == InstructionKind::kCopy || instruction.kind == InstructionKind::kAdd) {
        Verdict verdict = JudgeCopy(InputOf(context, stage, i, instruction), path, recursive, directory_hint);
        if (verdict == Verdict::kDirectory) return std::nullopt;  // only the folder's entry changes
        // A COPY that already sets this owner or mode leaves nothing to fix; an earlier one may.
        if (verdict == Verdict::kWrote && !FollowsAlready(instruction, operation, false)) writer = &instruction;
        continue;
      }
      if (instruction.kind != InstructionKind::kRun) continue;
      auto found = by_instruction.find(&instruction);
      if (found == by_instruction.end()) continue;
      Verdict verdict = Verdict::kNone;
      for (const RunWrite& write :
           RunWrites(*found->second, DirectoriesOfRun(context.model, *found->second), std::nullopt)) {
        Verdict one = JudgeRunWrite(write, path, recursive);
        if (one == Verdict::kWrote || (one == Verdict::kDirectory && verdict == Verdict::kNone)) verdict = one;
      }
      if (verdict == Verdict::kDirectory) return std::nullopt;
      if (verdict == Verdict::kWrote) writer = &instruction;
    }
    if (writer == nullptr) return std::nullopt;
    std::string verb = operation.kind == FileOperationKind::kChown ? "chown" : "chmod";
    bool copy = writer->kind == InstructionKind::kCopy || writer->kind == InstructionKind::kAdd;
    // --chmod takes an octal mode only; a symbolic one (+x) has to be translated.
    bool octal = !operation.owner_or_mode.empty() &&
                 std::all_of(operation.owner_or_mode.begin(), operation.owner_or_mode.end(),
                             [](char c) { return c >= '0' && c <= '7'; });
    std::string value = verb == "chmod" && !octal ? "<octal mode>" : operation.owner_or_mode;
    std::string remedy = copy ? fmt::format("use `{} --{}={}` instead", KindName(writer->kind), verb, value)
                              : std::string("do it in the RUN that wrote the files");
    // A relative path is named with where it points when the WORKDIR (or a `cd`) says so:
    // `chown -R app .` (/srv/app).
    std::optional<std::string> shown = ResolveAt(shown_directory, written_path);
    bool relative = !written_path.starts_with('/') && shown && shown->starts_with('/');
    std::string where = relative ? fmt::format(" ({})", *shown) : "";
    Finding finding =
        view.MakeFinding(info(), info().severity, at,
                         fmt::format("`{}{} {} {}`{} changes files written by {} (line {}): they are stored "
                                     "again in this layer; {}",
                                     verb, operation.recursive ? " -R" : "", operation.owner_or_mode, written_path,
                                     where, KindName(writer->kind), writer->position.line, remedy));
    finding.related_line = writer->position.line;
    return finding;
  }
};

}  // namespace

const Rule& LaterChownRule() { static const LaterChown kRule; return kRule; }

}  // namespace slimage::rules
