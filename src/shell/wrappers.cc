#include "shell/wrappers.h"

#include "shell/tools/options.h"
#include "shell/word.h"

namespace slimage::shell {

namespace {

const OptionSpec& SudoSpec() {
  static const OptionSpec spec{"ugCDhpRrtTU",
                               {"--user", "--group", "--close-from", "--chdir", "--host", "--prompt",
                                "--role", "--type", "--command-timeout", "--other-user", "--chroot"},
                               true, false};
  return spec;
}
const OptionSpec& EnvSpec() {
  static const OptionSpec spec{"uCS", {"--unset", "--chdir", "--split-string"}, true, false};
  return spec;
}
// GNU xargs: -e, -i and -l take an optional value attached, so they are flags here.
const OptionSpec& XargsSpec() {
  static const OptionSpec spec{"adEILnPs",
                               {"--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-chars",
                                "--process-slot-var"},
                               true, false};
  return spec;
}
const OptionSpec& FlagsOnlySpec() {
  static const OptionSpec spec{"", {}, true, false};
  return spec;
}

// VAR=value words right after the options (env, sudo).
void TakeAssignments(const std::vector<std::string>& args, PeeledWrapper& peeled) {
  while (peeled.command_index < args.size() && IsAssignmentWord(args[peeled.command_index])) {
    const std::string& word = args[peeled.command_index];
    size_t eq = word.find('=');
    peeled.assignments.emplace_back(word.substr(0, eq), word.substr(eq + 1));
    ++peeled.command_index;
  }
}

std::optional<PeeledWrapper> Peel(const std::vector<std::string>& args, const OptionSpec& spec,
                                  size_t skip_operands = 0) {
  ParsedArgs parsed = ParseOptions(args, 1, spec);
  PeeledWrapper peeled;
  peeled.command_index = parsed.first_operand + skip_operands;
  if (peeled.command_index >= args.size()) return std::nullopt;
  return peeled;
}

}  // namespace

std::optional<PeeledWrapper> PeelWrapper(const std::string& name, const std::vector<std::string>& args) {
  std::optional<PeeledWrapper> peeled;
  if (name == "sudo" || name == "doas") {
    ParsedArgs parsed = ParseOptions(args, 1, SudoSpec());
    // sudo -l/-v/-k/-K/-e do not run a command
    if (parsed.Has({"-l", "-v", "-k", "-K", "-e", "--list", "--validate", "--edit"})) return std::nullopt;
    PeeledWrapper result;
    result.command_index = parsed.first_operand;
    TakeAssignments(args, result);
    if (result.command_index < args.size()) peeled = result;
  } else if (name == "env") {
    ParsedArgs parsed = ParseOptions(args, 1, EnvSpec());
    PeeledWrapper result;
    result.command_index = parsed.first_operand;
    TakeAssignments(args, result);
    if (result.command_index < args.size()) peeled = result;
  } else if (name == "xargs") {
    peeled = Peel(args, XargsSpec());
    if (peeled) peeled->args_from_stdin = true;
  } else if (name == "exec") {
    peeled = Peel(args, OptionSpec{"a", {}, true, false});
  } else if (name == "nice") {
    peeled = Peel(args, OptionSpec{"n", {"--adjustment"}, true, false});
  } else if (name == "timeout") {
    peeled = Peel(args, OptionSpec{"ks", {"--kill-after", "--signal"}, true, false}, 1);  // DURATION
  } else if (name == "stdbuf") {
    peeled = Peel(args, OptionSpec{"ioe", {"--input", "--output", "--error"}, true, false});
  } else if (name == "nohup" || name == "time" || name == "command" || name == "builtin") {
    if (name == "command") {
      ParsedArgs parsed = ParseOptions(args, 1, FlagsOnlySpec());
      if (parsed.Has({"-v", "-V"})) return std::nullopt;  // a lookup, not a run
    }
    peeled = Peel(args, FlagsOnlySpec());
  }
  return peeled;
}

std::optional<ShellInvocation> FindShellScript(const std::string& name, const std::vector<std::string>& args) {
  if (name != "sh" && name != "bash" && name != "dash" && name != "ash" && name != "zsh" && name != "ksh" &&
      name != "mksh") {
    return std::nullopt;
  }
  bool has_c = false;
  bool reads_stdin = false;
  size_t i = 1;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--" || arg == "-") {
      ++i;
      break;
    }
    if (arg.size() < 2 || (arg[0] != '-' && arg[0] != '+')) break;
    if (arg.rfind("--", 0) == 0) {
      if (arg == "--rcfile" || arg == "--init-file") ++i;
      continue;
    }
    for (size_t k = 1; k < arg.size(); ++k) {
      if (arg[k] == 'c') has_c = true;
      if (arg[k] == 's') reads_stdin = true;
      if (arg[k] == 'o' || arg[k] == 'O') ++i;  // -o pipefail: the name is the next word
    }
  }
  ShellInvocation invocation;
  if (has_c) {
    if (i >= args.size()) return std::nullopt;
    invocation.script_index = i;
    return invocation;
  }
  if (i < args.size() && !reads_stdin) return std::nullopt;  // sh script.sh
  return invocation;
}

}  // namespace slimage::shell
