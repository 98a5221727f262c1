#include "rules/combine.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "rules/copy_writes.h"
#include "rules/rule_helpers.h"
#include "rules/run_scan.h"
#include "rules/workdir.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

std::string FlagsKey(const Instruction& instruction) {
  std::string key;
  for (const dockerfile::Flag& flag : instruction.flags) {
    key += flag.name;
    key += '=';
    key += flag.value.value_or("");
    key += '\n';
  }
  return key;
}

// ---------------------------------------------------------------- SL601
// A RUN SL601 may merge: shell form, no heredoc, exactly one simple command at the top level.
struct SingleCommand {
  bool mergeable = false;    // a single simple command
  bool ends_group = false;   // merging a later RUN into it would change meaning (cd, export, exec)
};

SingleCommand Classify(const RunView& view) {
  SingleCommand result;
  if (view.run->json_form || !view.run->heredocs().empty() || view.scripts.size() != 1) return result;
  const auto& commands = view.scripts[0].analysis.script.commands;
  if (commands.size() != 1 || commands[0].depth != 0) return result;
  const shell::ShellCommand& command = commands[0];
  std::string name = command.name();
  if (name.empty()) return result;  // a bare assignment
  result.mergeable = true;
  bool execs = std::find(command.wrappers.begin(), command.wrappers.end(), "exec") != command.wrappers.end();
  result.ends_group = name == "cd" || name == "pushd" || name == "export" || name == "set" || name == "umask" ||
                      name == "exec" || execs;
  return result;
}

class ConsecutiveRuns final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL601", Severity::kStyle, "Consecutive single-command RUNs could be one RUN",
        "Every RUN adds a layer with its own metadata and, for commands that touch files (mkdir, "
        "chown, chmod), its own copy of every changed file. A run of one-command RUNs usually reads "
        "better and stores less as one RUN joined with `&&`.\n"
        "Do instead: `RUN mkdir -p /app \\\n    && chown app /app`.\n"
        "Ignoring is fine when you keep the RUNs apart on purpose as cache boundaries (slow steps "
        "first); RUNs that already chain several commands are taken as deliberate and not reported.",
        "RUN mkdir -p /app\nRUN chown app:app /app\nRUN chmod 750 /app",
        "RUN mkdir -p /app \\\n    && chown app:app /app \\\n    && chmod 750 /app", true, "DL3059"};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    const std::vector<RunView>& runs = Runs(context);
    std::map<const Instruction*, const RunView*> by_instruction;
    for (const RunView& view : runs) {
      if (view.run == view.reported) by_instruction[view.run] = &view;
    }
    for (int index : context.model.shipped) {
      if (index < 0 || static_cast<size_t>(index) >= context.model.stages.size()) continue;
      const dockerfile::Stage& stage = context.model.stages[static_cast<size_t>(index)];
      const Instruction* first = nullptr;
      int count = 0;
      int last_line = 0;
      std::string flags;
      auto flush = [&] {
        if (first != nullptr && count >= 2) {
          Finding finding = MakeFinding(info(), stage, *first,
                                        fmt::format("{} consecutive RUNs of one command each (lines {}-{}) could be "
                                                    "one RUN joined with `&&`",
                                                    count, first->position.line, last_line));
          // hadolint reports DL3059 at the later RUN: an ignore there silences the group.
          finding.group_last_line = last_line;
          findings->push_back(std::move(finding));
        }
        first = nullptr;
        count = 0;
      };
      for (const Instruction& instruction : stage.instructions) {
        auto it = by_instruction.find(&instruction);
        SingleCommand single = it == by_instruction.end() ? SingleCommand{} : Classify(*it->second);
        if (!single.mergeable) {
          flush();
          continue;
        }
        if (first != nullptr && FlagsKey(instruction) != flags) flush();
        if (first == nullptr) {
          first = &instruction;
          flags = FlagsKey(instruction);
        }
        ++count;
        last_line = instruction.position.line;
        if (single.ends_group) flush();
      }
      flush();
    }
  }
};

// SL602 is in chown_after_write.cc.

// ---------------------------------------------------------------- SL603
std::string_view LastComponent(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The folder a file destination is in: "/app/a.txt" -> "/app", "a.txt" -> ".".
std::string ParentOf(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  return slash == 0 ? std::string("/") : std::string(path.substr(0, slash));
}

// Whether `COPY <source> <destination>` copies one file. CopyWrites knows what a source is (the
// build context when it is at hand, else a name with an extension is a file); a directory would
// have its contents copied to the destination, which a merged COPY into the folder does not do.
// A name without an extension copied into a bin folder is taken for a program.
bool CopiesOneFile(const Instruction& instruction, const std::string& source, const std::string& destination,
                   const std::string& context_dir) {
  if (source.find_first_of("*?[") != std::string::npos || source.find("://") != std::string::npos) return false;
  std::string parent = ParentOf(destination);
  if (parent.ends_with("/bin") || parent.ends_with("/sbin") || parent == "bin" || parent == "sbin") return true;
  CopyInput input{{source}, destination, destination, context_dir, instruction.FindFlag("from") != nullptr, false};
  std::vector<CopyWrite> writes = CopyWrites(input);
  return !writes.empty() &&
         std::none_of(writes.begin(), writes.end(), [](const CopyWrite& write) { return write.tree; });
}

// The directory a COPY writes into, or empty when it cannot be told (or merging it could change
// what it writes).
std::string CopyDirectory(const Instruction& instruction, const std::string& context_dir) {
  if (!instruction.heredocs().empty()) return "";
  const auto& args = instruction.expanded_args.empty() ? instruction.args : instruction.expanded_args;
  if (args.size() < 2) return "";
  const std::string& destination = args.back();
  if (destination.ends_with('/')) {
    std::string directory = destination;
    while (directory.size() > 1 && directory.back() == '/') directory.pop_back();
    return directory;
  }
  if (args.size() > 2) return destination;
  // `COPY a.txt /app/a.txt`: a file under its own name, as `COPY a.txt /app/` would write it.
  // `COPY x /etc/app/x.conf` (renamed) or a directory `COPY conf /etc/app/conf` (its contents go
  // to /etc/app/conf) would land elsewhere in a merged COPY.
  std::string_view source = args[0];
  if (source.ends_with('/')) return "";  // a directory
  std::string_view name = LastComponent(destination);
  if (name.empty() || name == "." || name == ".." || name != LastComponent(source)) return "";
  if (!CopiesOneFile(instruction, args[0], destination, context_dir)) return "";
  return ParentOf(destination);
}

class ConsecutiveCopies final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "SL603", Severity::kStyle, "Consecutive COPYs from the same source into the same directory",
        "Each COPY is a layer. Several COPYs from the same source (the context, or the same `--from` "
        "stage) into the same directory can be one COPY with several sources: COPYs into a directory "
        "(`COPY a.txt /app/`), and COPYs of files under their own names into one directory (`COPY a.txt "
        "/app/a.txt` and `COPY b.txt /app/b.txt` are `COPY a.txt b.txt /app/`).\n"
        "Do instead: `COPY package.json package-lock.json /app/`.\n"
        "Ignoring is fine when the split is a deliberate cache boundary (dependency manifests before "
        "the sources that change often).",
        "COPY package.json /app/\nCOPY package-lock.json /app/", "COPY package.json package-lock.json /app/",
        false, ""};
    return kInfo;
  }
  void Check(const LintContext& context, std::vector<Finding>* findings) const override {
    for (int index : context.model.shipped) {
      if (index < 0 || static_cast<size_t>(index) >= context.model.stages.size()) continue;
      const dockerfile::Stage& stage = context.model.stages[static_cast<size_t>(index)];
      const Instruction* first = nullptr;
      std::string key;
      std::string first_directory;
      int count = 0;
      auto flush = [&] {
        if (first != nullptr && count >= 2) {
          findings->push_back(MakeFinding(info(), stage, *first,
                                 fmt::format("{} consecutive COPYs into {} could be one COPY", count,
                                             first_directory)));
        }
        first = nullptr;
        count = 0;
      };
      for (const Instruction& instruction : stage.instructions) {
        std::string directory = instruction.kind == InstructionKind::kCopy
                                    ? CopyDirectory(instruction, context.settings.context_dir)
                                    : "";
        if (directory.empty()) {
          flush();
          continue;
        }
        std::string this_key = FlagsKey(instruction) + "->" + directory;
        if (first != nullptr && this_key != key) flush();
        if (first == nullptr) {
          first = &instruction;
          key = this_key;
          first_directory = directory;
        }
        ++count;
      }
      flush();
    }
  }
};

}  // namespace

const Rule& ConsecutiveRunsRule() { static const ConsecutiveRuns kRule; return kRule; }
const Rule& ConsecutiveCopiesRule() { static const ConsecutiveCopies kRule; return kRule; }

}  // namespace slimage::rules
