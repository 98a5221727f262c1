#include "rules/rule.h"

#include "rules/base_image.h"
#include "rules/build_context.h"
#include "rules/cleanup_layer.h"
#include "rules/combine.h"
#include "rules/debuggability.h"
#include "rules/leftovers.h"
#include "rules/multistage.h"
#include "rules/package_cache.h"
#include "rules/packages.h"
#include "rules/static_linking.h"

namespace slimage::rules {

std::span<const Rule* const> AllRules() {
  // Rules register here, one line each, in ID order. SL000 is not a rule: the lint runner
  // reports parse errors itself.
  static const ToolchainBaseRule kSL101;
  static const BuildPackagesKeptRule kSL102;
  static const UnusedStageRule kSL103;
  static const SmallerBaseRule kSL201;
  static const UnpinnedBaseRule kSL202;
  static const DynamicBinaryInStaticBaseRule kSL501;
  static const ShellFormWithoutShellRule kSL502;
  static const ScratchWithoutCaCertificatesRule kSL503;
  static const CopyWholeContextRule kSL701;
  static const CopyWholeStageRule kSL702;
  static const NoDebugTargetRule kSL801;
  static const std::vector<const Rule*> kRules = {
      &kSL101, &kSL102, &kSL103, &kSL201, &kSL202,
      &AptListsRule(),            // SL301
      &CleanupLayerRule(),        // SL302
      &AptRecommendsRule(),       // SL303
      &ApkCacheRule(),            // SL304
      &RpmCacheRule(),            // SL305
      &PipCacheRule(),            // SL306
      &JsCacheRule(),             // SL307
      &JsDevDependenciesRule(),   // SL308
      &ToolCachesRule(),          // SL309
      &KeptArchiveRule(),         // SL310
      &UseraddLastlogRule(),      // SL311
      &DebugToolsRule(),          // SL401
      &SystemUpgradeRule(),       // SL402
      &kSL501, &kSL502, &kSL503,
      &ConsecutiveRunsRule(),     // SL601
      &LaterChownRule(),          // SL602
      &ConsecutiveCopiesRule(),   // SL603
      &kSL701, &kSL702, &kSL801,
  };
  return kRules;
}

}  // namespace slimage::rules
