// Node package managers: npm, yarn (bare `yarn` installs), pnpm.
#include <string_view>

#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> choices) {
  for (auto choice : choices) {
    if (word == choice) return true;
  }
  return false;
}

std::string Second(const ParsedArgs& parsed) { return parsed.operands.size() > 1 ? parsed.operands[1] : ""; }

}  // namespace

std::optional<PackageOperation> RecognizeNode(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  PackageManager manager;
  OptionSpec spec;
  if (name == "npm") {
    manager = PackageManager::kNpm;
    spec = OptionSpec{"wC",
                      {"--prefix", "--registry", "--cache", "--loglevel", "--workspace", "--omit", "--include",
                       "--tag", "--userconfig", "--globalconfig", "--only", "--install-strategy"},
                      false, false};
  } else if (name == "yarn") {
    manager = PackageManager::kYarn;
    spec = OptionSpec{"",
                      {"--cache-folder", "--modules-folder", "--network-timeout", "--mutex", "--registry",
                       "--cwd", "--global-folder", "--link-folder"},
                      false, false};
  } else if (name == "pnpm") {
    manager = PackageManager::kPnpm;
    spec = OptionSpec{"FC", {"--filter", "--dir", "--store-dir", "--reporter", "--registry"}, false, false};
  } else {
    return std::nullopt;
  }
  ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
  std::string sub = parsed.operands.empty() ? "" : parsed.operands[0];
  size_t words = parsed.operands.empty() ? 0 : 1;
  PackageAction action = PackageAction::kOther;
  if (manager == PackageManager::kYarn && sub.empty() && parsed.Has({"-v", "--version", "-h", "--help"})) {
    action = PackageAction::kOther;  // `yarn --version` installs nothing
  } else if (manager == PackageManager::kYarn && (sub.empty() || sub == "install" || sub == "add")) {
    action = PackageAction::kInstall;
  } else if (manager == PackageManager::kYarn && sub == "global") {
    words = 2;
    if (Second(parsed) == "add") action = PackageAction::kInstall;
    if (Second(parsed) == "remove") action = PackageAction::kRemove;
  } else if (sub.empty()) {
    return std::nullopt;
  } else if (IsOneOf(sub, {"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal",
                           "isntall", "add", "ci", "clean-install", "install-clean", "ic", "install-ci-test",
                           "it"})) {
    action = PackageAction::kInstall;
  } else if (IsOneOf(sub, {"uninstall", "un", "remove", "rm", "r", "unlink"})) {
    action = PackageAction::kRemove;
  } else if (IsOneOf(sub, {"update", "up", "upgrade", "udpate"})) {
    action = PackageAction::kUpgrade;
  } else if (sub == "cache" || sub == "store") {
    words = 2;
    std::string second = Second(parsed);
    if (second == "clean" || second == "prune") action = PackageAction::kClean;
  } else if (sub == "run" || sub == "run-script") {
    words = 2;
    if (Second(parsed) == "build") action = PackageAction::kBuild;
  } else if (sub == "build") {
    action = PackageAction::kBuild;
  }
  PackageOperation operation = NewPackageOperation(command, index, manager, name, parsed, words);
  operation.subcommand = JoinSubcommand(parsed, words);
  operation.action = action;
  return operation;
}

}  // namespace slimage::shell
