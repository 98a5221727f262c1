// apt-get, apt and aptitude: `apt-get [options] command [packages]`, options anywhere.
#include <string_view>

#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

PackageAction AptAction(std::string_view sub) {
  if (sub == "install" || sub == "reinstall" || sub == "build-dep") return PackageAction::kInstall;
  if (sub == "remove" || sub == "purge") return PackageAction::kRemove;
  if (sub == "autoremove" || sub == "autopurge") return PackageAction::kAutoremove;
  if (sub == "update") return PackageAction::kUpdate;
  if (sub == "upgrade" || sub == "dist-upgrade" || sub == "full-upgrade" || sub == "safe-upgrade") {
    return PackageAction::kUpgrade;
  }
  if (sub == "clean" || sub == "autoclean") return PackageAction::kClean;
  return PackageAction::kOther;
}

}  // namespace

std::optional<PackageOperation> RecognizeApt(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  if (name != "apt-get" && name != "apt" && name != "aptitude") return std::nullopt;
  static const OptionSpec spec{"octa",
                               {"--option", "--config-file", "--target-release", "--default-release",
                                "--host-architecture"},
                               false, false};
  ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
  if (parsed.operands.empty()) return std::nullopt;
  PackageOperation operation = NewPackageOperation(command, index, PackageManager::kApt, name, parsed, 1);
  operation.subcommand = parsed.operands[0];
  operation.action = AptAction(operation.subcommand);
  return operation;
}

}  // namespace slimage::shell
