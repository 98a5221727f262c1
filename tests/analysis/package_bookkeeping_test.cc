#include "analysis/package_bookkeeping.h"

#include <gtest/gtest.h>

namespace slimage::analysis {
namespace {

TEST(IsPackageBookkeepingTest, TheListedFiles) {
  for (const char* path : {
           "/var/lib/dpkg/status", "/var/lib/dpkg/status-old", "/var/lib/dpkg/available",
           "/var/lib/dpkg/diversions-old", "/var/lib/dpkg/statoverride", "/var/lib/dpkg/arch",
           "/var/lib/dpkg/info/libc6.list", "/var/lib/dpkg/info/libssl3:amd64.list",
           "/var/lib/dpkg/triggers/File", "/var/lib/dpkg/triggers/Unincorp", "/var/lib/dpkg/alternatives/pager",
           "/var/lib/apt/extended_states", "/var/cache/debconf/config.dat", "/var/cache/debconf/templates.dat-old",
           "/var/lib/ucf/hashfile", "/var/log/dpkg.log", "/var/log/alternatives.log", "/var/log/apt/history.log",
           "/var/log/apt/term.log", "/var/log/apt/eipp.log.xz", "/etc/ld.so.cache", "/var/cache/ldconfig/aux-cache",
           "/usr/share/info/dir", "/etc/shells", "/etc/passwd", "/etc/passwd-", "/etc/shadow", "/etc/gshadow-",
           "/etc/group", "/etc/subuid", "/var/lib/rpm/Packages", "/var/lib/rpm/__db.001",
           "/usr/lib/sysimage/rpm/rpmdb.sqlite", "/usr/lib/sysimage/rpm/rpmdb.sqlite-wal",
           "/var/lib/dnf/history.sqlite", "/usr/lib/sysimage/libdnf5/packages.toml", "/var/lib/yum/history/x.sqlite",
           "/var/lib/alternatives/java", "/var/log/dnf.log", "/var/log/dnf.rpm.log", "/var/log/dnf.librepo.log",
           "/var/log/dnf5.log", "/var/log/hawkey.log", "/var/log/yum.log", "/lib/apk/db/installed",
           "/lib/apk/db/scripts.tar", "/usr/lib/apk/db/installed", "/etc/apk/world", "/var/log/apk.log",
           "/var/log/zypper.log", "/var/log/zypp/history"}) {
    EXPECT_TRUE(IsPackageBookkeeping(path)) << path;
  }
}

TEST(IsPackageBookkeepingTest, LookAlikesAreNot) {
  for (const char* path : {
           // what a Dockerfile can avoid storing: caches, lists, package contents
           "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
           "/var/cache/apt/pkgcache.bin", "/var/cache/apt/archives/less_590-2_amd64.deb", "/var/cache/apk/APKINDEX.tar.gz",
           "/var/cache/dnf/fedora.solv", "/var/lib/dpkg/info/libc6.md5sums", "/var/lib/dpkg/info/libc6.postinst",
           // the directories themselves, their neighbours, and files elsewhere of the same name
           "/var/lib/dpkg", "/var/lib/dpkg/triggers", "/var/lib/rpm", "/lib/apk/db", "/var/lib/rpmdb/x",
           "/var/lib/dpkg/info/sub/x.list", "/var/lib/dpkg/status.bak", "/app/var/lib/dpkg/status",
           "/etc/apk/repositories", "/etc/passwd.d/x", "/var/log/nginx/access.log", "/var/log/app.log",
           "/var/log/dnf/x.log", "/usr/share/info/bash.info.gz", "/etc/ld.so.conf", "/etc/ld.so.cache.d/x",
           "/usr/bin/dpkg", "/opt/lib/apk/db/installed"}) {
    EXPECT_FALSE(IsPackageBookkeeping(path)) << path;
  }
}

}  // namespace
}  // namespace slimage::analysis
