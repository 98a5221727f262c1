#include "rules/workdir.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace slimage::rules {

std::string ResolvePath(std::string_view workdir, std::string_view path) {
  std::string joined = path.starts_with('/') ? std::string(path) : std::string(workdir) + "/" + std::string(path);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();  // `/..` stays `/`
      continue;
    }
    segments.push_back(segment);
  }
  std::string clean;
  for (std::string_view segment : segments) {
    clean += '/';
    clean += segment;
  }
  return clean.empty() ? "/" : clean;
}

namespace {

// The WORKDIR before `index`, and whether any WORKDIR of the stage chain is in effect at all.
struct WorkdirLookup {
  std::optional<std::string> path;  // nullopt: none, or one with a variable of unknown value
  bool any = false;
};

WorkdirLookup LookUpWorkdir(const dockerfile::BuildModel& model, const dockerfile::Stage& stage, size_t index) {
  // Walk back to the nearest absolute WORKDIR, collecting the relative ones on the way; a stage
  // built FROM another stage continues at the end of that stage.
  std::vector<const std::string*> relative;
  const dockerfile::Stage* current = &stage;
  size_t end = std::min(index, stage.instructions.size());
  for (size_t hops = 0; hops <= model.stages.size(); ++hops) {
    for (size_t i = end; i-- > 0;) {
      const dockerfile::Instruction& ins = current->instructions[i];
      if (ins.kind != dockerfile::InstructionKind::kWorkdir) continue;
      if (ins.expanded_unknown || ins.expanded_args.size() != 1 || ins.expanded_args[0].empty()) {
        return {std::nullopt, true};
      }
      const std::string& dir = ins.expanded_args[0];
      if (dir.starts_with('/')) {
        std::string resolved = ResolvePath("/", dir);
        for (size_t r = relative.size(); r-- > 0;) resolved = ResolvePath(resolved, *relative[r]);
        return {resolved, true};
      }
      relative.push_back(&dir);
    }
    int parent = current->base_stage;
    if (parent < 0 || static_cast<size_t>(parent) >= model.stages.size() || parent == current->index) break;
    current = &model.stages[static_cast<size_t>(parent)];
    end = current->instructions.size();
  }
  // Only relative WORKDIRs: they are relative to the base image's, which is not known.
  return {std::nullopt, !relative.empty()};
}

}  // namespace

std::optional<std::string> WorkdirBefore(const dockerfile::BuildModel& model, const dockerfile::Stage& stage,
                                         size_t index) {
  return LookUpWorkdir(model, stage, index).path;
}

std::optional<std::string> WorkdirOrRootBefore(const dockerfile::BuildModel& model, const dockerfile::Stage& stage,
                                               size_t index) {
  WorkdirLookup lookup = LookUpWorkdir(model, stage, index);
  if (!lookup.any) return std::string("/");
  return lookup.path;
}

namespace {

// The operand of `cd`/`pushd` (options -L -P -e -@ skipped), or nullptr for none.
const shell::Word* DirectoryOperand(const shell::ShellCommand& command) {
  for (size_t i = 1; i < command.argv.size(); ++i) {
    const std::string& value = command.argv[i].value;
    if (value == "--") return i + 1 < command.argv.size() ? &command.argv[i + 1] : nullptr;
    if (value.size() < 2 || value[0] != '-') return &command.argv[i];
  }
  return nullptr;
}

}  // namespace

std::vector<CommandDirectory> DirectoriesOf(const shell::ShellScript& script, std::optional<std::string> workdir) {
  // One pass in source order with the state of each shell; a shell starts with the state its
  // parent has when its first command comes (subshells and sh -c bodies are contiguous).
  struct ShellState {
    bool started = false;
    CommandDirectory current;
    CommandDirectory previous;            // $OLDPWD, for `cd -`
    std::vector<CommandDirectory> stack;  // pushd/popd
  };
  std::vector<ShellState> shells(script.shell_parents.size());
  shells[0] = {true, {workdir, false}, {workdir, false}, {}};
  auto state_of = [&](size_t id) -> ShellState& {
    std::vector<size_t> pending;
    for (size_t at = id; at < shells.size() && !shells[at].started; at = script.shell_parents[at]) {
      pending.push_back(at);
    }
    for (size_t k = pending.size(); k-- > 0;) {
      shells[pending[k]] = shells[script.shell_parents[pending[k]]];  // parents have smaller ids
    }
    return id < shells.size() ? shells[id] : shells[0];
  };
  const CommandDirectory unknown{std::nullopt, true};
  std::vector<CommandDirectory> directories;
  directories.reserve(script.commands.size());
  for (const shell::ShellCommand& command : script.commands) {
    ShellState& state = state_of(command.shell_id);
    directories.push_back(state.current);
    std::string name = command.name();
    if (name != "cd" && name != "pushd" && name != "popd") continue;
    // `sudo cd` runs no shell builtin here; a conditional cd leaves two possible directories.
    if (command.conditional || !command.wrappers.empty()) {
      state.current = unknown;
      continue;
    }
    if (name == "popd") {
      if (state.stack.empty() || command.argv.size() > 1) {
        state.current = unknown;
      } else {
        state.current = std::move(state.stack.back());
        state.stack.pop_back();
      }
      continue;
    }
    const shell::Word* operand = DirectoryOperand(command);
    CommandDirectory next = unknown;
    if (operand == nullptr) {
      // cd: $HOME, not known here; pushd: swaps the top two, not followed.
    } else if (name == "cd" && operand->value == "-" && operand->known()) {
      next = state.previous;
    } else if (operand->known() && !operand->value.empty() && !operand->value.starts_with('~')) {
      const std::string& target = operand->value;
      if (target.starts_with('/')) {
        next.path = ResolvePath("/", target);
      } else if (state.current.path) {
        next.path = ResolvePath(*state.current.path, target);  // CDPATH is not followed
      }
    }
    if (name == "pushd") state.stack.push_back(state.current);
    state.previous = std::move(state.current);
    state.current = std::move(next);
  }
  return directories;
}

std::optional<std::string> ResolveAt(const CommandDirectory& directory, std::string_view path) {
  if (path.starts_with('/')) return std::string(path);
  if (directory.path) return ResolvePath(*directory.path, path);
  if (directory.moved || path.empty()) return std::nullopt;
  return std::string(path);
}

std::optional<std::string> Locate(const CommandDirectory& directory, std::string_view path) {
  std::optional<std::string> at = ResolveAt(directory, path);
  if (!at || at->starts_with('/')) return at;
  if (at->find("..") != std::string::npos) return std::nullopt;
  return ResolvePath(kUnknownWorkdir, *at);
}

}  // namespace slimage::rules
