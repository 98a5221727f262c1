#include "analysis/checks_budgets.h"

namespace slimage::analysis {

std::vector<BudgetResult> EvaluateBudgets(const ImageMetrics& metrics, const config::Budgets& budgets) {
  std::vector<BudgetResult> results;
  if (budgets.max_size) {
    results.push_back({BudgetKind::kMaxSize, "max-size", *budgets.max_size, metrics.size, 0, 0,
                       metrics.size > *budgets.max_size});
  }
  if (budgets.max_wasted) {
    results.push_back({BudgetKind::kMaxWasted, "max-wasted", *budgets.max_wasted, metrics.wasted, 0, 0,
                       metrics.wasted > *budgets.max_wasted});
  }
  if (budgets.min_efficiency) {
    results.push_back({BudgetKind::kMinEfficiency, "min-efficiency", 0, 0, *budgets.min_efficiency,
                       metrics.efficiency, metrics.efficiency < *budgets.min_efficiency});
  }
  if (budgets.max_user_wasted_percent) {
    results.push_back({BudgetKind::kMaxUserWastedPercent, "max-user-wasted-percent", 0, 0,
                       *budgets.max_user_wasted_percent, metrics.user_wasted_percent,
                       metrics.user_wasted_percent > *budgets.max_user_wasted_percent});
  }
  return results;
}

}  // namespace slimage::analysis
