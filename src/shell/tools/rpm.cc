// The RPM family: yum, dnf, microdnf (`[options] command [packages]`) and zypper
// (`[global options] command [command options] [packages]`).
#include <string_view>

#include "shell/tools/package_common.h"
#include "shell/tools/recognizers.h"

namespace slimage::shell {

namespace {

PackageAction DnfAction(std::string_view sub) {
  if (sub == "install" || sub == "reinstall" || sub == "localinstall" || sub == "groupinstall" ||
      sub == "in") {
    return PackageAction::kInstall;
  }
  if (sub == "remove" || sub == "erase" || sub == "groupremove" || sub == "rm") return PackageAction::kRemove;
  if (sub == "autoremove") return PackageAction::kAutoremove;
  // dnf's aliases count: `up` (upgrade, dnf 4 and 5), `up-min` (upgrade-minimal), `dsync`.
  if (sub == "update" || sub == "upgrade" || sub == "up" || sub == "update-to" || sub == "upgrade-to" ||
      sub == "distro-sync" || sub == "distrosync" || sub == "dsync" || sub == "update-minimal" ||
      sub == "upgrade-minimal" || sub == "up-min" || sub == "groupupdate") {
    return PackageAction::kUpgrade;
  }
  if (sub == "makecache" || sub == "check-update") return PackageAction::kUpdate;
  if (sub == "clean") return PackageAction::kClean;
  return PackageAction::kOther;
}

PackageAction ZypperAction(std::string_view sub) {
  if (sub == "install" || sub == "in" || sub == "source-install" || sub == "si") return PackageAction::kInstall;
  if (sub == "remove" || sub == "rm") return PackageAction::kRemove;
  if (sub == "update" || sub == "up" || sub == "dist-upgrade" || sub == "dup" || sub == "patch") {
    return PackageAction::kUpgrade;
  }
  if (sub == "refresh" || sub == "ref") return PackageAction::kUpdate;
  if (sub == "clean" || sub == "cc") return PackageAction::kClean;
  return PackageAction::kOther;
}

}  // namespace

std::optional<PackageOperation> RecognizeRpm(const ShellCommand& command, size_t index) {
  std::string name = command.name();
  PackageManager manager;
  if (name == "yum") {
    manager = PackageManager::kYum;
  } else if (name == "dnf" || name == "dnf5" || name == "tdnf") {
    manager = PackageManager::kDnf;
  } else if (name == "microdnf") {
    manager = PackageManager::kMicrodnf;
  } else if (name == "zypper") {
    manager = PackageManager::kZypper;
  } else {
    return std::nullopt;
  }
  if (manager == PackageManager::kZypper) {
    static const OptionSpec zypper{"Rctr",
                                   {"--root", "--config", "--reposd-dir", "--cache-dir", "--raw-cache-dir",
                                    "--solv-cache-dir", "--pkg-cache-dir", "--type", "--from", "--repo"},
                                   false, false};
    ParsedArgs parsed = ParseOptions(command.args(), 1, zypper);
    if (parsed.operands.empty()) return std::nullopt;
    PackageOperation operation = NewPackageOperation(command, index, manager, name, parsed, 1);
    operation.subcommand = parsed.operands[0];
    operation.action = ZypperAction(operation.subcommand);
    return operation;
  }
  static const OptionSpec dnf{"cdexR",
                              {"--config", "--enablerepo", "--disablerepo", "--setopt", "--installroot",
                               "--releasever", "--exclude", "--repo", "--repoid", "--downloaddir", "--destdir",
                               "--color", "--debuglevel", "--errorlevel", "--rpmverbosity", "--forcearch",
                               "--enable-repo", "--disable-repo"},
                              false, false};
  ParsedArgs parsed = ParseOptions(command.args(), 1, dnf);
  if (parsed.operands.empty()) return std::nullopt;
  size_t words = 1;
  std::string sub = parsed.operands[0];
  // dnf group install X, dnf module install X
  if ((sub == "group" || sub == "groups" || sub == "module") && parsed.operands.size() > 1) {
    words = 2;
    sub = parsed.operands[1];
  }
  PackageOperation operation = NewPackageOperation(command, index, manager, name, parsed, words);
  operation.subcommand = JoinSubcommand(parsed, words);
  operation.action = DnfAction(sub);
  return operation;
}

}  // namespace slimage::shell
