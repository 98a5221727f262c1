// Archive extraction: tar, bsdtar and gtar (old-style `tar xzf f`, bundled `-xzf f`, long
// options), unzip, and 7-Zip (`7z x archive -oDIR`).
#include "shell/tools/options.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

bool AllLetters(const std::string& word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

std::optional<Extraction> Tar(const ShellCommand& command, size_t index) {
  std::vector<std::string> args = command.args();
  // Old-style first argument: its letters are options (`tar xzf file` is `tar -xzf file`).
  if (args.size() > 1 && AllLetters(args[1])) args[1] = "-" + args[1];
  static const OptionSpec spec{
      "fCTXbHIKLNgV",
      {"--file", "--directory", "--files-from", "--exclude-from", "--blocking-factor", "--format",
       "--use-compress-program", "--starting-file", "--tape-length", "--newer", "--listed-incremental", "--label",
       "--exclude", "--strip-components", "--owner", "--group", "--mode", "--transform", "--xform",
       "--to-command", "--checkpoint-action", "--mtime", "--after-date", "--newer-mtime", "--record-size"},
      false, false};
  ParsedArgs parsed = ParseOptions(args, 1, spec);
  if (!parsed.Has({"-x", "--extract", "--get"})) return std::nullopt;
  Extraction extraction;
  extraction.tool = command.name();
  extraction.command_index = index;
  extraction.archive = parsed.Value({"-f", "--file"}).value_or("-");
  extraction.directory = parsed.Value({"-C", "--directory"});
  return extraction;
}

std::optional<Extraction> Unzip(const ShellCommand& command, size_t index) {
  static const OptionSpec spec{"dP", {}, false, false};
  ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
  // -l, -v, -t and -Z list or test instead of extracting.
  if (parsed.Has({"-l", "-v", "-t", "-Z"}) || parsed.operands.empty()) return std::nullopt;
  Extraction extraction;
  extraction.tool = "unzip";
  extraction.command_index = index;
  extraction.archive = parsed.operands.front();
  extraction.directory = parsed.Value({"-d"});
  return extraction;
}

// 7-Zip: `7z <command> [<switches>...] <archive> [<files>...]`. `x` (full paths) and `e` (flat)
// extract; switches start with `-` anywhere after the command (`--` ends them) and `-o` takes
// its directory attached (`-o/opt/x`, `-o"dir"`).
std::optional<Extraction> SevenZip(const ShellCommand& command, size_t index) {
  std::vector<std::string> args = command.args();
  if (args.size() < 2) return std::nullopt;
  std::string verb = args[1];
  if (verb != "x" && verb != "X" && verb != "e" && verb != "E") return std::nullopt;
  Extraction extraction;
  extraction.tool = command.name();
  extraction.command_index = index;
  bool switches = true;
  for (size_t i = 2; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (switches && arg == "--") {
      switches = false;
    } else if (switches && arg.size() > 1 && arg[0] == '-') {
      if ((arg[1] == 'o' || arg[1] == 'O') && arg.size() > 2) extraction.directory = arg.substr(2);
    } else if (extraction.archive.empty()) {
      extraction.archive = arg;
    }
  }
  if (extraction.archive.empty()) return std::nullopt;
  return extraction;
}

}  // namespace

std::optional<Extraction> RecognizeExtraction(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  if (name == "tar" || name == "bsdtar" || name == "gtar") return Tar(command, index);
  if (name == "unzip") return Unzip(command, index);
  if (name == "7z" || name == "7za" || name == "7zr" || name == "7zz") return SevenZip(command, index);
  return std::nullopt;
}

}  // namespace slimage::shell
