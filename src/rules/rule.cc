#include "rules/rule.h"

#include "rules/cleanup_layer.h"
#include "rules/combine.h"
#include "rules/leftovers.h"
#include "rules/package_cache.h"
#include "rules/packages.h"

namespace slimage::rules {

std::span<const Rule* const> AllRules() {
  // Rules register here, one line each, in ID order. SL000 is not a rule: the lint runner
  // reports parse errors itself.
  static const std::vector<const Rule*> kRules = {
      &AptListsRule(),       // SL301
      &CleanupLayerRule(),   // SL302
      &AptRecommendsRule(),  // SL303
      &ApkCacheRule(),       // SL304
      &RpmCacheRule(),       // SL305
      &PipCacheRule(),       // SL306
      &JsCacheRule(),        // SL307
      &JsDevDependenciesRule(),  // SL308
      &ToolCachesRule(),     // SL309
      &KeptArchiveRule(),    // SL310
      &UseraddLastlogRule(), // SL311
      &DebugToolsRule(),     // SL401
      &SystemUpgradeRule(),  // SL402
      &ConsecutiveRunsRule(),    // SL601
      &LaterChownRule(),         // SL602
      &ConsecutiveCopiesRule(),  // SL603
  };
  return kRules;
}

}  // namespace slimage::rules
