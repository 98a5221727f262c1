#include "shell/operations.h"

#include <algorithm>

namespace slimage::shell {

std::string_view ToString(PackageManager manager) {
  switch (manager) {
    case PackageManager::kApt: return "apt";
    case PackageManager::kApk: return "apk";
    case PackageManager::kYum: return "yum";
    case PackageManager::kDnf: return "dnf";
    case PackageManager::kMicrodnf: return "microdnf";
    case PackageManager::kZypper: return "zypper";
    case PackageManager::kPip: return "pip";
    case PackageManager::kNpm: return "npm";
    case PackageManager::kYarn: return "yarn";
    case PackageManager::kPnpm: return "pnpm";
    case PackageManager::kGem: return "gem";
    case PackageManager::kBundle: return "bundle";
    case PackageManager::kGo: return "go";
    case PackageManager::kCargo: return "cargo";
  }
  return "?";
}

std::string_view ToString(PackageAction action) {
  switch (action) {
    case PackageAction::kInstall: return "install";
    case PackageAction::kRemove: return "remove";
    case PackageAction::kAutoremove: return "autoremove";
    case PackageAction::kUpdate: return "update";
    case PackageAction::kUpgrade: return "upgrade";
    case PackageAction::kClean: return "clean";
    case PackageAction::kBuild: return "build";
    case PackageAction::kOther: return "other";
  }
  return "?";
}

bool PackageOperation::HasOption(std::initializer_list<std::string_view> names) const {
  return std::any_of(options.begin(), options.end(), [&](const ParsedOption& option) {
    return std::find(names.begin(), names.end(), option.name) != names.end();
  });
}

std::optional<std::string> PackageOperation::OptionValue(std::initializer_list<std::string_view> names) const {
  std::optional<std::string> found;
  for (const auto& option : options) {
    if (option.value && std::find(names.begin(), names.end(), option.name) != names.end()) found = option.value;
  }
  return found;
}

}  // namespace slimage::shell
