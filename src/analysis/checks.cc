// RunImageChecks: every image finding family, in rule order.
#include "analysis/checks.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>

#include "analysis/leftover_checks.h"
#include "analysis/loader_checks.h"
#include "analysis/tool_checks.h"
#include "analysis/waste_checks.h"

namespace slimage::analysis {

std::vector<ImageFinding> RunImageChecks(const ImageModel& model, const ImageCheckOptions& options) {
  // Each family walks the whole final tree; they only read the model, so they run side by
  // side and the findings are joined in rule order.
  using Check = std::function<std::vector<ImageFinding>()>;
  const std::vector<Check> checks{
      [&] { return CheckWastedBytes(model, options.top); },
      [&] { return CheckDuplicatedContent(model, options.top); },
      [&] { return CheckPackageCaches(model, options.top); },
      [&] { return CheckDocs(model, options.top); },
      [&] { return CheckToolchains(model, options.top); },
      [&] { return CheckDebugTools(model, options.allow_packages, options.top); },
      [&] { return CheckBuildLeftovers(model, options.top); },
      [&] { return CheckMissingLibraries(model); },
      [&] { return CheckShell(model); },
      [&] { return CheckLargestFiles(model, options.top); },
  };
  std::vector<std::vector<ImageFinding>> results(checks.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < checks.size(); i = next++) results[i] = checks[i]();
  };
  unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  std::vector<ImageFinding> findings;
  for (auto& family : results) {
    for (ImageFinding& finding : family) findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace slimage::analysis
