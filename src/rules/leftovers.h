// SL308 (devDependencies shipped), SL309 (language tool caches and docs), SL310 (downloaded
// archives kept after extraction).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

const Rule& JsDevDependenciesRule();  // SL308
const Rule& ToolCachesRule();         // SL309
const Rule& KeptArchiveRule();        // SL310

}  // namespace slimage::rules
