// SL401, SL402 (unnecessary packages) and SL311 (useradd's sparse lastlog).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

const Rule& UseraddLastlogRule();  // SL311
const Rule& DebugToolsRule();      // SL401
const Rule& SystemUpgradeRule();   // SL402

// The package name without a version or architecture ("vim=2:9.0" -> "vim", "curl:amd64" -> "curl").
std::string_view PackageBaseName(std::string_view package);

}  // namespace slimage::rules
