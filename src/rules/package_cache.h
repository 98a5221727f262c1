// SL301, SL303-SL307: package manager caches left in a layer (rules.md "SL3").
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

const Rule& AptListsRule();          // SL301
const Rule& AptRecommendsRule();     // SL303
const Rule& ApkCacheRule();          // SL304
const Rule& RpmCacheRule();          // SL305
const Rule& PipCacheRule();          // SL306
const Rule& JsCacheRule();           // SL307

}  // namespace slimage::rules
