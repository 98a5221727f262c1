// The sqlite rpmdb of current Fedora/RHEL/Rocky (/usr/lib/sysimage/rpm/rpmdb.sqlite,
// /var/lib/rpm/rpmdb.sqlite): opened from memory (sqlite3_deserialize, read-only), never from disk.
#pragma once

#include <string_view>
#include <vector>

#include "packages/package.h"
#include "util/expected.h"

namespace slimage::packages {

// Every row of the Packages table parsed as an rpm header. A name installed for two
// architectures (multilib) gets ".ARCH" on the later ones.
Expected<std::vector<Package>> ReadRpmdbSqlite(std::string_view database);

}  // namespace slimage::packages
