#include "measure/variants.h"

#include <algorithm>

namespace slimage::measure {

Expected<FiringFixes> FindFiringFixes(const std::string& file, const std::string& source, const fix::FixOptions& options) {
  auto fixed = fix::FixSource(file, source, options);
  if (!fixed) return fixed.error();
  FiringFixes firing;
  for (const std::string& rule : fix::FixableRules()) {
    const bool applied = std::any_of(fixed->edits.begin(), fixed->edits.end(),
                                     [&](const fix::AppliedEdit& edit) { return edit.rule == rule; });
    if (applied) firing.rules.push_back(rule);
  }
  firing.skipped = fixed->skipped;
  return firing;
}

Expected<fix::FileFix> VariantOf(const std::string& file, const std::string& source, fix::FixOptions options,
                                 const std::vector<std::string>& rules) {
  if (rules.empty()) {
    fix::FileFix unchanged;
    unchanged.file = file;
    unchanged.original = source;
    unchanged.fixed = source;
    return unchanged;
  }
  options.rules = rules;
  return fix::FixSource(file, source, options);
}

}  // namespace slimage::measure
