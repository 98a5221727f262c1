#include "rules/image_uses.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

#include "rules/copy_writes.h"
#include "rules/rule_helpers.h"
#include "rules/workdir.h"
#include "util/file.h"

namespace slimage::rules {
namespace {

using dockerfile::Instruction;
using dockerfile::InstructionKind;

constexpr size_t kMaxScriptBytes = 256 * 1024;
constexpr int kMaxScriptDepth = 3;

std::string BaseName(std::string_view word) {
  size_t slash = word.rfind('/');
  return std::string(slash == std::string_view::npos ? word : word.substr(slash + 1));
}

// Programs that start the program named after their options and `skip` operands.
struct Runner {
  std::string_view name;
  int skip;                       // operands before the program: gosu USER, timeout DURATION
  std::string_view with_value;    // short options that take a value: timeout -s KILL, nice -n 5
};
constexpr std::array<Runner, 14> kRunners = {{
    {"gosu", 1, ""}, {"su-exec", 1, ""}, {"s6-setuidgid", 1, ""}, {"setuidgid", 1, ""}, {"tini", 0, "ep"},
    {"tini-static", 0, "ep"}, {"dumb-init", 0, "r"}, {"catatonit", 0, ""}, {"timeout", 1, "sk"}, {"nice", 0, "n"},
    {"ionice", 0, "cnp"}, {"setsid", 0, ""}, {"stdbuf", 0, "ioe"}, {"runuser", 0, "ugs"},
}};

bool IsShell(std::string_view name) {
  return name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh" || name == "ksh";
}

std::vector<std::string> Words(const shell::ShellCommand& command) { return command.args(); }

}  // namespace

std::vector<std::string> ProgramsOf(const shell::ShellCommand& command) {
  std::vector<std::string> args = Words(command);
  std::vector<std::string> programs;
  size_t at = 0;
  for (int hops = 0; hops < 4 && at < args.size(); ++hops) {
    programs.push_back(args[at]);
    std::string name = BaseName(args[at]);
    auto runner = std::find_if(kRunners.begin(), kRunners.end(), [&](const Runner& r) { return r.name == name; });
    if (runner == kRunners.end()) break;
    size_t next = at + 1;
    while (next < args.size() && args[next].size() > 1 && args[next][0] == '-') {
      if (args[next] == "--") {
        ++next;
        break;
      }
      bool takes_value = args[next].size() == 2 && runner->with_value.find(args[next][1]) != std::string_view::npos;
      next += takes_value ? 2 : 1;
    }
    next += static_cast<size_t>(runner->skip);
    at = next;
  }
  return programs;
}

std::vector<std::string> ScriptsOf(const shell::ShellCommand& command) {
  std::vector<std::string> scripts = ProgramsOf(command);
  std::vector<std::string> args = Words(command);
  std::string name = command.name();
  if (IsShell(name) || name == "." || name == "source") {
    for (size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "-c") break;  // the body is parsed as commands already
      if (args[i].starts_with('-')) continue;
      scripts.push_back(args[i]);
      break;
    }
  }
  return scripts;
}

namespace {

// The first word of each command of each line (comments dropped), for a script the shell model
// does not parse.
std::vector<std::string> ScanPrograms(std::string_view text) {
  static constexpr std::array<std::string_view, 19> kSkip = {
      "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "case", "esac",
      "!", "exec", "sudo", "command", "nohup", "env", "time"};
  std::vector<std::string> programs;
  bool at_command = true;
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return;
    bool assignment = word.find('=') != std::string::npos && word.front() != '=';
    if (at_command && !assignment &&
        std::find(kSkip.begin(), kSkip.end(), word) == kSkip.end()) {
      programs.push_back(word);
      at_command = false;
    }
    word.clear();
  };
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      if (at_command) word += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      continue;
    }
    if (c == '#' && word.empty()) {
      while (i < text.size() && text[i] != '\n') ++i;
      end_word();
      at_command = true;
      continue;
    }
    if (c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '{' || c == '}' || c == '`') {
      end_word();
      // `a \` + newline continues the command.
      at_command = !(c == '\n' && i > 0 && text[i - 1] == '\\');
      continue;
    }
    if (c == ' ' || c == '\t') {
      end_word();
      continue;
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '(') {
      end_word();
      at_command = true;
      ++i;
      continue;
    }
    word += c;
  }
  end_word();
  return programs;
}

}  // namespace

namespace {

// ScriptPrograms, and the scripts those commands run (ScriptsOf) into `scripts`.
std::vector<std::string> ScriptWords(std::string_view text, std::vector<std::string>* scripts) {
  Expected<shell::ShellScript> script = shell::ParseRunScript(text, shell::Environment{});
  if (!script) {
    std::vector<std::string> programs = ScanPrograms(text);
    if (scripts != nullptr) *scripts = programs;
    return programs;
  }
  std::vector<std::string> programs;
  for (const shell::ShellCommand& command : script->commands) {
    for (std::string& program : ProgramsOf(command)) programs.push_back(std::move(program));
    if (scripts == nullptr) continue;
    for (std::string& one : ScriptsOf(command)) scripts->push_back(std::move(one));
  }
  return programs;
}

}  // namespace

std::vector<std::string> ScriptPrograms(std::string_view text) { return ScriptWords(text, nullptr); }

namespace {

// Where a command word points: itself when absolute, against the WORKDIR when relative, each PATH
// folder for a bare name.
std::vector<std::string> Candidates(std::string_view program, const std::optional<std::string>& workdir) {
  static constexpr std::array<std::string_view, 6> kPath = {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
                                                            "/usr/bin",        "/sbin",           "/bin"};
  if (program.empty() || program.find_first_of("$*?[") != std::string_view::npos) return {};
  if (program.starts_with('/')) return {ResolvePath("/", program)};
  if (program.find('/') != std::string_view::npos) {
    return {ResolvePath(workdir ? std::string_view(*workdir) : kUnknownWorkdir, program)};
  }
  std::vector<std::string> candidates;
  for (std::string_view folder : kPath) candidates.push_back(ResolvePath(folder, program));
  return candidates;
}

std::optional<std::string> ReadScript(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(path, error) || fs::file_size(path, error) > kMaxScriptBytes || error) return std::nullopt;
  Expected<std::string> text = ReadTextFile(path, kMaxScriptBytes);
  if (!text || text->find('\0') != std::string::npos) return std::nullopt;
  return std::move(*text);
}

// The script a COPY/ADD wrote at one of `paths`, or nullopt.
std::optional<std::string> ScriptFromCopy(const LintContext& context, const dockerfile::Stage& stage, size_t index,
                                          const Instruction& copy, const std::vector<std::string>& paths) {
  const auto& args = copy.expanded_args.empty() ? copy.args : copy.expanded_args;
  if (args.size() < 2) return std::nullopt;
  std::optional<std::string> workdir = WorkdirOrRootBefore(context.model, stage, index);
  std::string destination = ResolvePath(workdir ? std::string_view(*workdir) : kUnknownWorkdir, args.back());
  CopyInput input{CopySources(copy), args.back(), destination, context.settings.context_dir,
                  copy.FindFlag("from") != nullptr, copy.kind == InstructionKind::kAdd};
  for (const CopyWrite& write : CopyWrites(input)) {
    for (const std::string& path : paths) {
      const std::string& source = input.sources[write.source];
      if (source.starts_with("<<") && write.path == path) {
        for (const dockerfile::Heredoc& heredoc : copy.heredocs()) {
          if (source.find(heredoc.name) != std::string::npos) return heredoc.content;
        }
        continue;
      }
      std::optional<std::string> file = ContextPathOf(input, write, path);
      if (!file) continue;
      if (std::optional<std::string> text = ReadScript(*file)) return text;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CopiedScript(const LintContext& context, const dockerfile::Stage& stage, size_t index,
                                        const std::optional<std::string>& workdir, std::string_view program) {
  std::vector<std::string> paths = Candidates(program, workdir);
  if (paths.empty()) return std::nullopt;
  const dockerfile::Stage* current = &stage;
  size_t end = std::min(index, stage.instructions.size());
  for (size_t hops = 0; hops <= context.model.stages.size(); ++hops) {
    for (size_t i = end; i-- > 0;) {
      const Instruction& instruction = current->instructions[i];
      if (instruction.kind != InstructionKind::kCopy && instruction.kind != InstructionKind::kAdd) continue;
      if (std::optional<std::string> text = ScriptFromCopy(context, *current, i, instruction, paths)) return text;
    }
    int parent = current->base_stage;
    if (parent < 0 || static_cast<size_t>(parent) >= context.model.stages.size() || parent == current->index) break;
    current = &context.model.stages[static_cast<size_t>(parent)];
    end = current->instructions.size();
  }
  return std::nullopt;
}

namespace {

// Adds the programs of the scripts `programs` names (read through CopiedScript), `depth` levels on.
void AddScriptNames(const LintContext& context, const dockerfile::Stage& stage, size_t index,
                    const std::optional<std::string>& workdir, const std::vector<std::string>& scripts, int depth,
                    std::set<std::string>* names, std::set<std::string>* read) {
  if (depth >= kMaxScriptDepth) return;
  for (const std::string& script : scripts) {
    if (!read->insert(script).second) continue;
    std::optional<std::string> text = CopiedScript(context, stage, index, workdir, script);
    if (!text) continue;
    std::vector<std::string> nested;
    for (const std::string& program : ScriptWords(*text, &nested)) names->insert(BaseName(program));
    AddScriptNames(context, stage, index, workdir, nested, depth + 1, names, read);
  }
}

// The commands of a HEALTHCHECK, ENTRYPOINT or CMD, or nullopt for other instructions.
std::optional<shell::ShellScript> RuntimeScript(const Instruction& instruction) {
  std::vector<std::string> argv = instruction.args;
  if (instruction.kind == InstructionKind::kHealthcheck) {
    if (argv.size() < 2) return std::nullopt;  // HEALTHCHECK NONE
    argv.erase(argv.begin());                  // the CMD keyword
  } else if (instruction.kind != InstructionKind::kEntrypoint && instruction.kind != InstructionKind::kCmd) {
    return std::nullopt;
  }
  if (instruction.json_form) return shell::ParseExecForm(argv, instruction.env);
  Expected<shell::ShellScript> script = shell::ParseRunScript(instruction.command, instruction.env);
  if (script) return std::move(*script);
  shell::ShellScript scanned;  // not shell syntax the model reads: its words still name programs
  return scanned;
}

}  // namespace

std::set<std::string> RuntimeNames(const LintContext& context) {
  std::set<std::string> names;
  const dockerfile::BuildModel& model = context.model;
  const dockerfile::Stage* target = TargetStage(model);
  if (target == nullptr) return names;
  // The container starts in the target's last WORKDIR.
  std::optional<std::string> workdir = WorkdirOrRootBefore(model, *target, target->instructions.size());
  std::set<std::string> read;
  for (int index : model.shipped) {
    if (index < 0 || static_cast<size_t>(index) >= model.stages.size()) continue;
    const dockerfile::Stage& stage = model.stages[static_cast<size_t>(index)];
    for (size_t i = 0; i < stage.instructions.size(); ++i) {
      const Instruction& instruction = stage.instructions[i];
      std::optional<shell::ShellScript> script = RuntimeScript(instruction);
      if (!script) continue;
      // "Named in": any word, not only the program (`ENTRYPOINT ["tini", "--", "wget", …]`).
      for (size_t a = instruction.kind == InstructionKind::kHealthcheck ? 1 : 0; a < instruction.args.size(); ++a) {
        for (const std::string& program : ScanPrograms(instruction.args[a])) names.insert(BaseName(program));
      }
      std::vector<std::string> scripts;
      for (const shell::ShellCommand& command : script->commands) {
        for (const std::string& word : Words(command)) names.insert(BaseName(word));
        for (std::string& path : ScriptsOf(command)) scripts.push_back(std::move(path));
      }
      // The scripts are looked up in what the target holds at the end of its build.
      AddScriptNames(context, *target, target->instructions.size(), workdir, scripts, 0, &names, &read);
    }
  }
  return names;
}

namespace {

// A package operand that names a git repository: `git+https://…`, `github:user/repo`,
// `user/repo` (npm's GitHub shorthand; not a scoped `@scope/name`), `….git`.
bool NamesGitRepository(std::string_view package) {
  return package.starts_with("git") || package.find("://") != std::string_view::npos ||
         package.find(".git") != std::string_view::npos || package.starts_with("github:") ||
         (package.find('/') != std::string_view::npos && !package.starts_with('@'));
}

// Language package managers fetch git dependencies with git: `npm install` of a manifest with a
// GitHub dependency, Bundler's `git:` gems, Go modules (and `go build`'s VCS stamping), pip's
// `git+https://…`. Cargo fetches with its own libgit2.
bool RunsGit(const shell::PackageOperation& operation) {
  using shell::PackageAction;
  using shell::PackageManager;
  if (operation.action != PackageAction::kInstall && operation.action != PackageAction::kBuild) return false;
  switch (operation.manager) {
    case PackageManager::kNpm:
    case PackageManager::kYarn:
    case PackageManager::kPnpm:
      // From the manifest (`npm ci`, `yarn`), or a named git dependency; not `npm i -g jshint`.
      return operation.packages.empty() || !operation.packages_known ||
             std::any_of(operation.packages.begin(), operation.packages.end(), NamesGitRepository);
    case PackageManager::kBundle:
    case PackageManager::kGo:
      return true;
    case PackageManager::kPip:
      // A requirements file may name git URLs; a plain list shows them.
      return !operation.requirement_files.empty() ||
             std::any_of(operation.packages.begin(), operation.packages.end(),
                         [](const std::string& package) { return package.starts_with("git+"); });
    default:
      return false;
  }
}

}  // namespace

void AddRunNames(const LintContext& context, const RunView& view, std::optional<CommandRef> after,
                 std::set<std::string>* names) {
  std::set<std::string> read;
  for (size_t s = 0; s < view.scripts.size(); ++s) {
    const RunScript& script = view.scripts[s];
    for (const shell::PackageOperation& operation : script.analysis.packages) {
      if (after && !(*after < CommandRef{s, operation.command_index})) continue;
      if (RunsGit(operation)) names->insert("git");
    }
    const auto& commands = script.analysis.script.commands;
    for (size_t c = 0; c < commands.size(); ++c) {
      if (after && !(*after < CommandRef{s, c})) continue;
      for (const std::string& program : ProgramsOf(commands[c])) names->insert(BaseName(program));
      if (commands[c].name() == "composer") names->insert("git");  // source installs of packages
      std::optional<std::string> directory = c < script.directories.size() ? script.directories[c].path : std::nullopt;
      if (!directory && (c >= script.directories.size() || !script.directories[c].moved)) {
        directory = WorkdirOrRootBefore(context.model, *view.stage, view.instruction_index);
      }
      AddScriptNames(context, *view.stage, view.instruction_index, directory, ScriptsOf(commands[c]), 0, names, &read);
    }
  }
}

}  // namespace slimage::rules
