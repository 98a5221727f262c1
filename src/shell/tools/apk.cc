// Alpine's apk: `apk [options] add|del|update|upgrade|cache ... [packages]`.
#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

std::optional<PackageOperation> RecognizeApk(const ShellCommand& command, size_t index) {
  if (command.name() != "apk") return std::nullopt;
  static const OptionSpec spec{"tXp",
                               {"--virtual", "--repository", "--root", "--arch", "--keys-dir",
                                "--repositories-file", "--cache-dir", "--cache-max-age", "--wait",
                                "--progress-fd", "--timeout"},
                               false, false};
  ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
  if (parsed.operands.empty()) return std::nullopt;
  const std::string& sub = parsed.operands[0];
  size_t words = 1;
  PackageAction action = PackageAction::kOther;
  if (sub == "add") {
    action = PackageAction::kInstall;
  } else if (sub == "del") {
    action = PackageAction::kRemove;
  } else if (sub == "update") {
    action = PackageAction::kUpdate;
  } else if (sub == "upgrade") {
    action = PackageAction::kUpgrade;
  } else if (sub == "cache") {
    words = 2;
    if (parsed.operands.size() > 1 && (parsed.operands[1] == "clean" || parsed.operands[1] == "purge")) {
      action = PackageAction::kClean;
    }
  }
  PackageOperation operation = NewPackageOperation(command, index, PackageManager::kApk, "apk", parsed, words);
  operation.subcommand = JoinSubcommand(parsed, words);
  operation.action = action;
  operation.virtual_name = parsed.Value({"--virtual", "-t"});
  return operation;
}

}  // namespace slimage::shell
