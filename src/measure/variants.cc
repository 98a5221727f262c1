#include "measure/variants.h"

#include <algorithm>

namespace slimage::measure {

Expected<FiringFixes> FindFiringFixes(const std::string& file, const std::string& source, const fix::FixOptions& options) {
  // Each rule on its own: together, one fix can make another's finding go away (SL302's move
  // of the cleanup also ends SL301's), and that rule would not be measured.
  FiringFixes firing;
  for (const std::string& rule : fix::FixableRules()) {
    if (!options.rules.empty() && std::find(options.rules.begin(), options.rules.end(), rule) == options.rules.end()) {
      continue;
    }
    fix::FixOptions one = options;
    one.rules = {rule};
    auto fixed = fix::FixSource(file, source, one);
    if (!fixed) return fixed.error();
    if (!fixed->edits.empty()) firing.rules.push_back(rule);
    firing.skipped.insert(firing.skipped.end(), fixed->skipped.begin(), fixed->skipped.end());
  }
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
