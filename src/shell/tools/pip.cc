// pip: pip, pip3, pip3.12, `python -m pip`, `python3 -m pip`, and `uv pip`.
// pipx and pipenv are different tools and are not recognised.
#include <string_view>

#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

bool IsVersioned(std::string_view name, std::string_view stem) {
  if (name.substr(0, stem.size()) != stem) return false;
  for (char c : name.substr(stem.size())) {
    if (!((c >= '0' && c <= '9') || c == '.')) return false;
  }
  return true;
}

// Where pip's own arguments start (the index of the word "pip" or "pipN"), or 0.
size_t PipStart(const std::vector<std::string>& args, std::string& tool) {
  const std::string& program = args[0];
  size_t slash = program.rfind('/');
  std::string name = slash == std::string::npos ? program : program.substr(slash + 1);
  if (IsVersioned(name, "pip")) {
    tool = name;
    return 1;
  }
  if (name == "uv" && args.size() > 1 && args[1] == "pip") {
    tool = "uv pip";
    return 2;
  }
  if (IsVersioned(name, "python")) {
    // python's own options before -m: flags, except -X and -W which take a value.
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg == "-m") {
        if (i + 1 < args.size() && IsVersioned(args[i + 1], "pip")) {
          tool = name + " -m pip";
          return i + 2;
        }
        return 0;
      }
      if (arg == "-X" || arg == "-W") {
        ++i;
        continue;
      }
      if (arg.size() < 2 || arg[0] != '-' || arg == "-c") return 0;  // a script or -c code
      if (arg.rfind("-m", 0) == 0) {
        std::string module = arg.substr(2);
        if (IsVersioned(module, "pip")) {
          tool = name + " -m pip";
          return i + 1;
        }
        return 0;
      }
    }
  }
  return 0;
}

}  // namespace

std::optional<PackageOperation> RecognizePip(const ShellCommand& command, size_t index) {
  if (command.argv.empty()) return std::nullopt;
  std::vector<std::string> args = command.args();
  std::string tool;
  size_t start = PipStart(args, tool);
  if (start == 0) return std::nullopt;
  static const OptionSpec spec{
      "rceiftCb",
      {"--requirement", "--constraint", "--editable", "--index-url", "--extra-index-url", "--find-links",
       "--target", "--prefix", "--root", "--platform", "--python-version", "--implementation", "--abi",
       "--only-binary", "--no-binary", "--trusted-host", "--cache-dir", "--progress-bar", "--src",
       "--upgrade-strategy", "--log", "--proxy", "--retries", "--timeout", "--exists-action", "--cert",
       "--client-cert", "--config-settings", "--python", "--report", "--global-option", "--install-option",
       "--root-user-action", "--keyring-provider", "--index-strategy", "--extra-index", "--index"},
      false, false};
  ParsedArgs parsed = ParseOptions(args, start, spec);
  if (parsed.operands.empty()) return std::nullopt;
  const std::string& sub = parsed.operands[0];
  size_t words = 1;
  PackageAction action = PackageAction::kOther;
  if (sub == "install" || sub == "sync") {
    action = PackageAction::kInstall;
  } else if (sub == "uninstall") {
    action = PackageAction::kRemove;
  } else if (sub == "wheel") {
    action = PackageAction::kBuild;
  } else if (sub == "cache") {
    words = 2;
    if (parsed.operands.size() > 1 && (parsed.operands[1] == "purge" || parsed.operands[1] == "remove")) {
      action = PackageAction::kClean;
    }
  }
  PackageOperation operation = NewPackageOperation(command, index, PackageManager::kPip, tool, parsed, words);
  operation.subcommand = JoinSubcommand(parsed, words);
  operation.action = action;
  operation.requirement_files = parsed.Values({"-r", "--requirement", "-c", "--constraint"});
  for (const auto& editable : parsed.Values({"-e", "--editable"})) operation.packages.push_back(editable);
  return operation;
}

}  // namespace slimage::shell
