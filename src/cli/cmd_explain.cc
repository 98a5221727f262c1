// slimage explain ID | --list: what a lint rule reports, why it costs bytes, what to do
// instead, and examples. An unknown ID is a usage error (exit 2).
#include <fmt/format.h>

#include "cli/command.h"
#include "report/rule_explain.h"
#include "rules/catalogue.h"

namespace slimage::cli {
namespace {

struct ExplainArgs {
  std::string id;
  bool list = false;
};

}  // namespace

void RegisterExplainCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("explain", "Explain a lint rule, with a bad and a good example");
  auto args = std::make_shared<ExplainArgs>();
  sub->add_option("ID", args->id, "The rule ID (SL301)");
  sub->add_flag("--list", args->list, "List every rule: ID, severity, title");
  sub->callback([&context, args] {
    if (args->list) {
      report::RenderRuleList(rules::AllRuleInfos(), context.io.out);
    } else if (args->id.empty()) {
      throw InvalidInput("explain: give a rule ID (like SL301) or --list");
    } else {
      const rules::RuleInfo* info = rules::FindRuleInfo(args->id);
      if (info == nullptr) {
        throw InvalidInput(fmt::format("unknown rule '{}' (slimage explain --list lists them)", args->id));
      }
      report::RenderRuleExplanation(*info, context.io.out);
    }
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
