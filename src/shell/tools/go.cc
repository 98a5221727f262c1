// The go command: flags are single-dash words parsed by Go's flag package (-ldflags '-s -w',
// -trimpath, -mod=vendor), never bundles.
#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

std::optional<PackageOperation> RecognizeGo(const ShellCommand& command, size_t index) {
  if (command.name() != "go") return std::nullopt;
  static const OptionSpec spec{"",
                               {"-o", "-ldflags", "-gcflags", "-asmflags", "-tags", "-mod", "-p", "-buildmode",
                                "-compiler", "-gccgoflags", "-installsuffix", "-modfile", "-overlay", "-pgo",
                                "-pkgdir", "-toolexec", "-C", "-exec", "-covermode", "-coverpkg", "-buildvcs"},
                               false, true};
  ParsedArgs parsed = ParseOptions(command.args(), 1, spec);
  if (parsed.operands.empty()) return std::nullopt;
  const std::string& sub = parsed.operands[0];
  size_t words = sub == "mod" ? 2 : 1;
  PackageOperation operation = NewPackageOperation(command, index, PackageManager::kGo, "go", parsed, words);
  operation.subcommand = JoinSubcommand(parsed, words);
  if (sub == "install" || sub == "get" || operation.subcommand == "mod download") {
    operation.action = PackageAction::kInstall;
  } else if (sub == "build") {
    operation.action = PackageAction::kBuild;
  } else if (sub == "clean") {
    operation.action = PackageAction::kClean;
  }
  return operation;
}

}  // namespace slimage::shell
