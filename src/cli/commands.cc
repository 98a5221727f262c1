#include "cli/commands.h"

#include <array>

namespace slimage::cli {

// One registrar per cmd_<name>.cc.
void RegisterVersionCommand(CLI::App& app, CommandContext& context);
void RegisterParseCommand(CLI::App& app, CommandContext& context);
void RegisterLintCommand(CLI::App& app, CommandContext& context);
void RegisterFixCommand(CLI::App& app, CommandContext& context);
void RegisterExplainCommand(CLI::App& app, CommandContext& context);
void RegisterAnalyzeCommand(CLI::App& app, CommandContext& context);
void RegisterHistoryCommand(CLI::App& app, CommandContext& context);
void RegisterCheckCommand(CLI::App& app, CommandContext& context);
void RegisterCompletionCommand(CLI::App& app, CommandContext& context);
void RegisterManpageCommand(CLI::App& app, CommandContext& context);
void RegisterDiffCommand(CLI::App& app, CommandContext& context);
void RegisterMeasureCommand(CLI::App& app, CommandContext& context);
void RegisterRootfsLibsCommand(CLI::App& app, CommandContext& context);

std::span<const CommandRegistrar> AllCommands() {
  static constexpr std::array kCommands = {
      &RegisterVersionCommand,
      &RegisterParseCommand,
      &RegisterLintCommand,
      &RegisterFixCommand,
      &RegisterExplainCommand,
      &RegisterAnalyzeCommand,
      &RegisterHistoryCommand,
      &RegisterCheckCommand,
      &RegisterCompletionCommand,
      &RegisterManpageCommand,
      &RegisterDiffCommand,
      &RegisterMeasureCommand,
      &RegisterRootfsLibsCommand,
  };
  return kCommands;
}

}  // namespace slimage::cli
