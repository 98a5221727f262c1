// RunImageChecks: every image finding family, in rule order.
#include "analysis/checks.h"

#include "analysis/leftover_checks.h"
#include "analysis/loader_checks.h"
#include "analysis/tool_checks.h"
#include "analysis/waste_checks.h"

namespace slimage::analysis {

std::vector<ImageFinding> RunImageChecks(const ImageModel& model, const ImageCheckOptions& options) {
  std::vector<ImageFinding> findings;
  auto append = [&findings](std::vector<ImageFinding> more) {
    for (ImageFinding& finding : more) findings.push_back(std::move(finding));
  };
  append(CheckWastedBytes(model, options.top));
  append(CheckDuplicatedContent(model, options.top));
  append(CheckPackageCaches(model, options.top));
  append(CheckDocs(model, options.top));
  append(CheckToolchains(model, options.top));
  append(CheckDebugTools(model, options.allow_packages, options.top));
  append(CheckBuildLeftovers(model, options.top));
  append(CheckMissingLibraries(model));
  append(CheckShell(model));
  append(CheckLargestFiles(model, options.top));
  return findings;
}

}  // namespace slimage::analysis
