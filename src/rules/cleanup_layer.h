// SL302: a RUN that only cleans up what an earlier layer wrote (the bytes stay in that layer).
#pragma once

#include "rules/rule.h"

namespace slimage::rules {

const Rule& CleanupLayerRule();  // SL302

}  // namespace slimage::rules
