#include "analysis/package_bookkeeping.h"

#include <fnmatch.h>

#include <array>
#include <string>

#include "analysis/check_support.h"

namespace slimage::analysis {
namespace {

// Everything beneath these directories is the package managers' own state.
constexpr auto kTrees = std::to_array<std::string_view>({
    "/var/lib/dpkg/triggers",       // dpkg's pending triggers
    "/var/lib/dpkg/alternatives",   // update-alternatives' admin files
    "/var/lib/ucf",                 // ucf's conffile hashes and registry
    "/var/log/apt",                 // history.log, term.log, eipp.log.xz
    "/var/lib/rpm",                 // the rpm database (Berkeley DB, ndb or sqlite)
    "/usr/lib/sysimage/rpm",        // the same since Fedora 36 / openSUSE
    "/var/lib/dnf",                 // dnf's history.sqlite
    "/usr/lib/sysimage/dnf",        // dnf 4.x on newer Fedora
    "/usr/lib/sysimage/libdnf5",    // dnf5's state
    "/var/lib/yum",                 // yum's history and yumdb
    "/var/lib/alternatives",        // Fedora's alternatives admin files
    "/lib/apk/db",                  // apk's installed, scripts.tar, triggers
    "/usr/lib/apk/db",              // the same on usr-merged Alpine
    "/var/lib/zypp",                // zypper's state
});

// fnmatch(3) patterns with FNM_PATHNAME: `*` stays within one directory.
constexpr auto kFiles = std::to_array<const char*>({
    // dpkg's database and its backups
    "/var/lib/dpkg/status", "/var/lib/dpkg/status-old", "/var/lib/dpkg/available",
    "/var/lib/dpkg/available-old", "/var/lib/dpkg/diversions", "/var/lib/dpkg/diversions-old",
    "/var/lib/dpkg/statoverride", "/var/lib/dpkg/statoverride-old", "/var/lib/dpkg/arch",
    "/var/lib/dpkg/info/*.list",
    // apt and debconf
    "/var/lib/apt/extended_states", "/var/cache/debconf/*.dat", "/var/cache/debconf/*.dat-old",
    // apk
    "/etc/apk/world",
    // package managers' logs
    "/var/log/dpkg.log", "/var/log/alternatives.log", "/var/log/dnf*.log", "/var/log/hawkey.log",
    "/var/log/yum.log", "/var/log/apk.log", "/var/log/zypper.log", "/var/log/zypp/history",
    // rewritten by the triggers every install runs: ldconfig, install-info, update-shells
    "/etc/ld.so.cache", "/var/cache/ldconfig/aux-cache", "/usr/share/info/dir", "/usr/share/info/dir.old",
    "/etc/shells", "/var/lib/shells.state",
    // the account databases (a package's postinst or `useradd` rewrites them whole) and the
    // backups shadow's tools keep
    "/etc/passwd", "/etc/passwd-", "/etc/group", "/etc/group-", "/etc/shadow", "/etc/shadow-",
    "/etc/gshadow", "/etc/gshadow-", "/etc/subuid", "/etc/subuid-", "/etc/subgid", "/etc/subgid-",
});

}  // namespace

bool IsPackageBookkeeping(std::string_view path) {
  // Every entry lies under one of these: most hidden paths are rejected without a match.
  if (!path.starts_with("/var/") && !path.starts_with("/etc/") && !path.starts_with("/lib/") &&
      !path.starts_with("/usr/")) {
    return false;
  }
  for (std::string_view tree : kTrees) {
    if (path.size() > tree.size() && IsUnder(path, tree)) return true;
  }
  const std::string text(path);
  for (const char* pattern : kFiles) {
    if (fnmatch(pattern, text.c_str(), FNM_PATHNAME) == 0) return true;
  }
  return false;
}

}  // namespace slimage::analysis
