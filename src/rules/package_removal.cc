#include "rules/package_removal.h"

#include <algorithm>
#include <string>
#include <vector>

#include "rules/packages.h"

namespace slimage::rules {

using shell::PackageAction;
using shell::PackageManager;

bool IsSystemManager(PackageManager manager) {
  return manager == PackageManager::kApt || manager == PackageManager::kApk || manager == PackageManager::kYum ||
         manager == PackageManager::kDnf || manager == PackageManager::kMicrodnf || manager == PackageManager::kZypper;
}

bool SameFamily(PackageManager a, PackageManager b) {
  auto family = [](PackageManager m) {
    if (m == PackageManager::kYum || m == PackageManager::kDnf || m == PackageManager::kMicrodnf) return 1;
    return static_cast<int>(m) + 10;
  };
  return family(a) == family(b);
}

// `apt-mark auto …` after `install`, then an auto-removing purge/autoremove after that.
bool AptMarkAutoThenAutoremove(const shell::RunAnalysis& analysis, const shell::PackageOperation& install) {
  if (install.manager != PackageManager::kApt) return false;
  const auto& commands = analysis.script.commands;
  size_t marked = commands.size();
  for (size_t i = install.command_index + 1; i < commands.size(); ++i) {
    std::vector<std::string> args = commands[i].args();
    if (commands[i].name() == "apt-mark" && std::find(args.begin(), args.end(), "auto") != args.end()) {
      marked = i;
      break;
    }
  }
  if (marked == commands.size()) return false;
  return std::any_of(analysis.packages.begin(), analysis.packages.end(), [&](const shell::PackageOperation& op) {
    if (op.manager != PackageManager::kApt || op.command_index <= marked) return false;
    return op.action == PackageAction::kAutoremove ||
           (op.action == PackageAction::kRemove && op.HasOption({"--auto-remove", "--autoremove"}));
  });
}

bool RemovedLater(const shell::RunAnalysis& analysis, const shell::PackageOperation& install,
                  std::string_view package) {
  for (const shell::PackageOperation& op : analysis.packages) {
    if (op.command_index <= install.command_index || !SameFamily(op.manager, install.manager)) continue;
    if (op.action != PackageAction::kRemove) continue;
    if (!op.packages_known) return true;  // `apk del $BUILD_DEPS`: trust the author
    for (const std::string& removed : op.packages) {
      if (removed == package || PackageBaseName(removed) == PackageBaseName(package)) return true;
      if (install.virtual_name && removed == *install.virtual_name) return true;
    }
  }
  return AptMarkAutoThenAutoremove(analysis, install);
}

}  // namespace slimage::rules
