// The budgets of `slimage check`: which ones an image breaks, with the limit and the actual
// figure (metrics as defined at the end of rules.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/image_model.h"
#include "config/config.h"

namespace slimage::analysis {

enum class BudgetKind { kMaxSize, kMaxWasted, kMinEfficiency, kMaxUserWastedPercent };

struct BudgetResult {
  BudgetKind kind;
  std::string name;  // "max-size", as the flag and the config key spell it
  uint64_t limit_bytes = 0;   // max-size, max-wasted
  uint64_t actual_bytes = 0;
  double limit = 0;           // min-efficiency (ratio), max-user-wasted-percent (percent)
  double actual = 0;
  bool broken = false;
};

// One result per budget that is set, in the order of cli.md. A size budget breaks when the
// figure is above it, min-efficiency when the efficiency is below it.
std::vector<BudgetResult> EvaluateBudgets(const ImageMetrics& metrics, const config::Budgets& budgets);

}  // namespace slimage::analysis
