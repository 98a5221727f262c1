#include "rules/rule.h"

#include "rules/base_image.h"
#include "rules/build_context.h"
#include "rules/debuggability.h"
#include "rules/multistage.h"
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
      &kSL101, &kSL102, &kSL103, &kSL201, &kSL202, &kSL501, &kSL502, &kSL503, &kSL701, &kSL702, &kSL801,
  };
  return kRules;
}

}  // namespace slimage::rules
