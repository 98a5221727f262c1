// cargo: install/build/fetch/clean/uninstall; `cargo +nightly build` names a toolchain first.
#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

std::optional<PackageOperation> RecognizeCargo(const ShellCommand& command, size_t index) {
  if (command.name() != "cargo") return std::nullopt;
  static const OptionSpec spec{"jpFZ",
                               {"--root", "--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path",
                                "--target", "--jobs", "--features", "--bin", "--example", "--package", "--profile",
                                "--target-dir", "--manifest-path", "--index", "--registry", "--color", "--config",
                                "--message-format"},
                               false, false};
  std::vector<std::string> args = command.args();
  size_t start = args.size() > 1 && !args[1].empty() && args[1][0] == '+' ? 2 : 1;
  ParsedArgs parsed = ParseOptions(args, start, spec);
  if (parsed.operands.empty()) return std::nullopt;
  const std::string& sub = parsed.operands[0];
  PackageOperation operation = NewPackageOperation(command, index, PackageManager::kCargo, "cargo", parsed, 1);
  operation.subcommand = sub;
  if (sub == "install") operation.action = PackageAction::kInstall;
  if (sub == "build" || sub == "b") operation.action = PackageAction::kBuild;
  if (sub == "clean") operation.action = PackageAction::kClean;
  if (sub == "uninstall") operation.action = PackageAction::kRemove;
  if (sub == "update") operation.action = PackageAction::kUpgrade;
  return operation;
}

}  // namespace slimage::shell
