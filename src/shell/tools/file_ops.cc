// File operations: rm, chown, chmod, mkdir, cd (GNU coreutils option syntax), and the removals
// of `find … -delete` / `find … -exec rm … {} +`.
#include "shell/tools/options.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

FileOperation NewFileOperation(FileOperationKind kind, size_t index) {
  FileOperation operation;
  operation.kind = kind;
  operation.command_index = index;
  return operation;
}

// chmod accepts a mode that starts with '-' (chmod -x file): such a word is the mode unless
// it is made only of chmod's own option letters.
bool IsChmodOptionBundle(const std::string& word) {
  if (word.size() < 2 || word[0] != '-') return false;
  for (size_t i = 1; i < word.size(); ++i) {
    char c = word[i];
    if (c != 'R' && c != 'c' && c != 'f' && c != 'v') return false;
  }
  return true;
}

FileOperation Chmod(const std::vector<std::string>& args, size_t index) {
  FileOperation operation = NewFileOperation(FileOperationKind::kChmod, index);
  std::vector<std::string> operands;
  bool reference = false;
  bool options_done = false;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!options_done && arg == "--") {
      options_done = true;
    } else if (!options_done && arg.rfind("--", 0) == 0) {
      if (arg == "--recursive") operation.recursive = true;
      if (arg.rfind("--reference", 0) == 0) {
        reference = true;
        if (arg.find('=') == std::string::npos) ++i;
      }
    } else if (!options_done && IsChmodOptionBundle(arg)) {
      if (arg.find('R') != std::string::npos) operation.recursive = true;
    } else {
      operands.push_back(arg);
    }
  }
  size_t first_path = 0;
  if (!reference && !operands.empty()) {
    operation.owner_or_mode = operands.front();
    first_path = 1;
  }
  operation.paths.assign(operands.begin() + static_cast<std::ptrdiff_t>(first_path), operands.end());
  return operation;
}

// GNU find: `find [-H|-L|-P|-D opts|-Olevel]... [starting point...] [expression]`. The
// starting points end at the first word that begins an expression (`-name`, `(`, `!`, `,`).
// It removes when the expression has `-delete` or an `-exec`/`-execdir`/`-ok`/`-okdir` that runs
// rm (its options say recursive/force); other actions (`-exec sh -c …`) are not followed.
std::optional<FileOperation> Find(const std::vector<std::string>& args, size_t index) {
  size_t i = 1;
  while (i < args.size()) {
    const std::string& arg = args[i];
    if (arg == "-H" || arg == "-L" || arg == "-P" || arg.rfind("-O", 0) == 0) {
      ++i;
    } else if (arg == "-D") {
      i += 2;
    } else {
      break;
    }
  }
  FileOperation operation = NewFileOperation(FileOperationKind::kRemove, index);
  operation.by_find = true;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if ((arg.size() > 1 && arg[0] == '-') || arg == "(" || arg == "!" || arg == ",") break;
    operation.paths.push_back(arg);
  }
  if (operation.paths.empty()) operation.paths.push_back(".");  // GNU find's default
  bool removes = false;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-delete") {
      removes = true;
      operation.recursive = true;  // -delete implies -depth: directories go once emptied
      operation.force = true;
      continue;
    }
    if (arg != "-exec" && arg != "-execdir" && arg != "-ok" && arg != "-okdir") continue;
    size_t end = i + 1;
    while (end < args.size() && args[end] != ";" && args[end] != "+") ++end;
    if (i + 1 < end) {
      const std::string& program = args[i + 1];
      size_t slash = program.rfind('/');
      if ((slash == std::string::npos ? program : program.substr(slash + 1)) == "rm") {
        std::vector<std::string> rm_args(args.begin() + static_cast<std::ptrdiff_t>(i + 1),
                                         args.begin() + static_cast<std::ptrdiff_t>(end));
        ParsedArgs parsed = ParseOptions(rm_args, 1, OptionSpec{});
        removes = true;
        operation.recursive = operation.recursive || parsed.Has({"-r", "-R", "--recursive"});
        operation.force = operation.force || parsed.Has({"-f", "--force"});
      }
    }
    i = end;
  }
  if (!removes) return std::nullopt;
  return operation;
}

}  // namespace

std::optional<FileOperation> RecognizeFileOperation(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  std::vector<std::string> args = command.args();
  if (name == "rm") {
    ParsedArgs parsed = ParseOptions(args, 1, OptionSpec{});
    FileOperation operation = NewFileOperation(FileOperationKind::kRemove, index);
    operation.recursive = parsed.Has({"-r", "-R", "--recursive"});
    operation.force = parsed.Has({"-f", "--force"});
    operation.paths = parsed.operands;
    return operation;
  }
  if (name == "chown" || name == "chgrp") {
    static const OptionSpec spec{"", {"--from", "--reference"}, false, false};
    ParsedArgs parsed = ParseOptions(args, 1, spec);
    FileOperation operation = NewFileOperation(FileOperationKind::kChown, index);
    operation.recursive = parsed.Has({"-R", "--recursive"});
    size_t first_path = 0;
    if (!parsed.Has({"--reference"}) && !parsed.operands.empty()) {
      operation.owner_or_mode = parsed.operands.front();
      first_path = 1;
    }
    operation.paths.assign(parsed.operands.begin() + static_cast<std::ptrdiff_t>(first_path), parsed.operands.end());
    return operation;
  }
  if (name == "chmod") return Chmod(args, index);
  if (name == "find") return Find(args, index);
  if (name == "mkdir") {
    static const OptionSpec spec{"m", {"--mode", "--context"}, false, false};
    ParsedArgs parsed = ParseOptions(args, 1, spec);
    FileOperation operation = NewFileOperation(FileOperationKind::kMkdir, index);
    operation.recursive = parsed.Has({"-p", "--parents"});
    operation.owner_or_mode = parsed.Value({"-m", "--mode"}).value_or("");
    operation.paths = parsed.operands;
    return operation;
  }
  if (name == "cd") {
    ParsedArgs parsed = ParseOptions(args, 1, OptionSpec{});
    FileOperation operation = NewFileOperation(FileOperationKind::kChdir, index);
    operation.paths.push_back(parsed.operands.empty() ? "~" : parsed.operands.front());
    return operation;
  }
  return std::nullopt;
}

}  // namespace slimage::shell
