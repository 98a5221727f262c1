// What the commands of a RUN do, in terms lint rules ask about: package manager operations,
// file operations, downloads and archive extractions. Each refers back to its command by index
// into ShellScript::commands (which holds argv, offsets, depth and connectors).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/tools/options.h"

namespace slimage::shell {

enum class PackageManager { kApt, kApk, kYum, kDnf, kMicrodnf, kZypper, kPip, kNpm, kYarn, kPnpm, kGem, kBundle, kGo, kCargo };

enum class PackageAction {
  kInstall,     // apt-get install, apk add, pip install, npm ci, yarn (bare), go install, ...
  kRemove,      // remove/purge/del/uninstall/erase
  kAutoremove,  // apt-get autoremove, dnf autoremove
  kUpdate,      // refresh the index: apt-get update, apk update, zypper refresh
  kUpgrade,     // upgrade installed packages: apt-get upgrade/dist-upgrade, apk upgrade, dnf upgrade
  kClean,       // drop caches: apt-get clean, yum clean all, pip cache purge, npm cache clean ...
  kBuild,       // go build, cargo build, npm run build, pip wheel
  kOther,
};

std::string_view ToString(PackageManager manager);
std::string_view ToString(PackageAction action);

struct PackageOperation {
  PackageManager manager = PackageManager::kApt;
  std::string tool;        // as invoked: "apt-get", "pip3", "python3 -m pip", "uv pip"
  PackageAction action = PackageAction::kOther;
  std::string subcommand;  // as written: "install", "dist-upgrade", "cache clean", "" for bare yarn
  std::vector<std::string> packages;  // operands after the subcommand ("all" for yum clean all)
  bool packages_known = true;         // false when an operand holds an unknown variable
  std::vector<std::string> requirement_files;  // pip -r/-c, bundle --gemfile
  std::optional<std::string> virtual_name;     // apk add --virtual NAME / -t NAME
  std::vector<ParsedOption> options;           // every option given, in order
  size_t command_index = 0;

  bool HasOption(std::initializer_list<std::string_view> names) const;
  std::optional<std::string> OptionValue(std::initializer_list<std::string_view> names) const;
};

enum class FileOperationKind { kRemove, kChown, kChmod, kMkdir, kChdir };

struct FileOperation {
  FileOperationKind kind = FileOperationKind::kRemove;
  std::vector<std::string> paths;
  bool recursive = false;  // -r/-R/--recursive (mkdir -p counts as recursive)
  bool force = false;      // rm -f
  // kRemove by `find PATHS … -delete` / `-exec rm … {} +`: what its expression selects under
  // `paths` (all of it or some), not necessarily `paths` themselves.
  bool by_find = false;
  std::string owner_or_mode;  // chown's OWNER[:GROUP], chmod's MODE
  size_t command_index = 0;
};

struct Download {
  std::string tool;  // curl or wget
  std::vector<std::string> urls;
  std::optional<std::string> output_path;  // -o/-O file, the URL's base name (curl -O, wget), a > redirect
  bool to_stdout = false;  // written to stdout (piped into the next command when connector is |)
  size_t command_index = 0;
};

struct Extraction {
  std::string tool;     // tar, bsdtar, gtar, unzip, 7z, 7za, 7zr, 7zz
  std::string archive;  // "-" when read from stdin
  std::optional<std::string> directory;  // tar -C / --directory, unzip -d, 7z -o
  size_t command_index = 0;
};

}  // namespace slimage::shell
