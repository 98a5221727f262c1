// slimage check IMAGE: the CI gate. Exit 1 when a budget (flags, else .slimage.yaml) is
// broken, naming each with its limit and the actual figure; 0 when all hold.
#include <memory>

#include "analysis/checks_budgets.h"
#include "cli/command.h"
#include "cli/image_options.h"
#include "config/config.h"
#include "util/size.h"

namespace slimage::cli {
namespace {

struct CheckFlags {
  std::string config_path;
  std::string max_size;
  std::string max_wasted;
  std::string min_efficiency;
  std::string max_user_wasted_percent;
};

// Flags override the config file.
config::Budgets MergeBudgets(const CheckFlags& flags, config::Budgets budgets) {
  auto size = [](const std::string& flag, const std::string& text) {
    Expected<uint64_t> value = ParseSize(text);
    if (!value) throw InvalidInput(fmt::format("{}: {}", flag, value.error().message));
    return *value;
  };
  auto number = [](const std::string& flag, const std::string& text, double high) {
    Expected<double> value = config::ParseNumberInRange(text, 0, high);
    if (!value) throw InvalidInput(fmt::format("{} {}", flag, value.error().message));
    return *value;
  };
  if (!flags.max_size.empty()) budgets.max_size = size("--max-size", flags.max_size);
  if (!flags.max_wasted.empty()) budgets.max_wasted = size("--max-wasted", flags.max_wasted);
  if (!flags.min_efficiency.empty()) budgets.min_efficiency = number("--min-efficiency", flags.min_efficiency, 1);
  if (!flags.max_user_wasted_percent.empty()) {
    budgets.max_user_wasted_percent = number("--max-user-wasted-percent", flags.max_user_wasted_percent, 100);
  }
  return budgets;
}

std::string Describe(const analysis::BudgetResult& result) {
  auto bytes = [](uint64_t value) { return fmt::format("{} ({} bytes)", FormatSize(value), value); };
  switch (result.kind) {
    case analysis::BudgetKind::kMaxSize:
      return fmt::format("max-size: image size {} is over the limit of {}", bytes(result.actual_bytes), bytes(result.limit_bytes));
    case analysis::BudgetKind::kMaxWasted:
      return fmt::format("max-wasted: wasted {} is over the limit of {}", bytes(result.actual_bytes), bytes(result.limit_bytes));
    case analysis::BudgetKind::kMinEfficiency:
      return fmt::format("min-efficiency: efficiency {:.4f} is below the limit of {}", result.actual, result.limit);
    case analysis::BudgetKind::kMaxUserWastedPercent:
      return fmt::format("max-user-wasted-percent: wasted share of the layers above the base {:.2f}% is over the "
                         "limit of {}%",
                         result.actual, result.limit);
  }
  return result.name;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("check", "CI gate: exit 1 when the image breaks a size budget");
  auto options = std::make_shared<ImageCommandOptions>();
  auto flags = std::make_shared<CheckFlags>();
  AddImageOptions(sub, *options);
  sub->add_option("--max-size", flags->max_size, "largest image size allowed (123, 45kB, 12MB, 1.5GiB)");
  sub->add_option("--max-wasted", flags->max_wasted, "most wasted bytes allowed");
  sub->add_option("--min-efficiency", flags->min_efficiency, "lowest efficiency allowed (0 to 1)");
  sub->add_option("--max-user-wasted-percent", flags->max_user_wasted_percent,
                  "most wasted bytes in the layers above the base, in percent of them");
  sub->add_option("--config", flags->config_path, "config file (default: ./.slimage.yaml when present)");
  sub->callback([&context, options, flags] {
    const config::Config config = OrThrow(config::LoadConfig(flags->config_path));
    const config::Budgets budgets = MergeBudgets(*flags, config.budgets);  // bad flags fail before the image loads
    const analysis::ImageModel model = LoadImageOrThrow(*options, context.io);
    const std::vector<analysis::BudgetResult> results = analysis::EvaluateBudgets(model.metrics, budgets);
    if (results.empty()) {
      context.io.out << "no budget set: give --max-size, --max-wasted, --min-efficiency or "
                        "--max-user-wasted-percent, or budgets: in .slimage.yaml\n";
      context.exit_code = kExitOk;
      return;
    }
    size_t broken = 0;
    for (const analysis::BudgetResult& result : results) {
      if (!result.broken) continue;
      context.io.out << Describe(result) << "\n";
      ++broken;
    }
    if (broken == 0) {
      context.io.out << fmt::format("ok: {} budget{} met\n", results.size(), results.size() == 1 ? "" : "s");
    }
    context.exit_code = broken == 0 ? kExitOk : kExitFindings;
  });
}

}  // namespace slimage::cli
