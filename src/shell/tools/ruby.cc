// Ruby: gem (install/uninstall/update/cleanup) and bundle (install/update/clean).
#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

std::optional<PackageOperation> RecognizeRuby(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  if (name == "gem") {
    static const OptionSpec spec{"vinsP",
                                 {"--version", "--install-dir", "--bindir", "--source", "--trust-policy",
                                  "--platform", "--build-root", "--file"},
                                 false, false};
    ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
    if (parsed.operands.empty()) return std::nullopt;
    const std::string& sub = parsed.operands[0];
    PackageOperation operation = NewPackageOperation(command, index, PackageManager::kGem, name, parsed, 1);
    operation.subcommand = sub;
    if (sub == "install" || sub == "i") operation.action = PackageAction::kInstall;
    if (sub == "uninstall") operation.action = PackageAction::kRemove;
    if (sub == "update") operation.action = PackageAction::kUpgrade;
    if (sub == "cleanup") operation.action = PackageAction::kClean;
    if (sub == "build") operation.action = PackageAction::kBuild;
    return operation;
  }
  if (name == "bundle" || name == "bundler") {
    static const OptionSpec spec{"j",
                                 {"--path", "--without", "--with", "--jobs", "--retry", "--gemfile",
                                  "--trust-policy", "--target-rbconfig", "--cache-path"},
                                 false, false};
    ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
    // A bare `bundle` installs, unless it only asks for its version or help (`bundle --version`).
    bool asks = parsed.operands.empty() && parsed.Has({"-v", "--version", "-h", "--help"});
    std::string sub = parsed.operands.empty() ? (asks ? "" : "install") : parsed.operands[0];
    PackageOperation operation =
        NewPackageOperation(command, index, PackageManager::kBundle, "bundle", parsed, parsed.operands.empty() ? 0 : 1);
    operation.subcommand = sub;
    if (sub == "install") operation.action = PackageAction::kInstall;
    if (sub == "update") operation.action = PackageAction::kUpgrade;
    if (sub == "clean") operation.action = PackageAction::kClean;
    if (auto gemfile = parsed.Value({"--gemfile"})) operation.requirement_files.push_back(*gemfile);
    return operation;
  }
  return std::nullopt;
}

}  // namespace slimage::shell
