// slimage completion bash|zsh|fish: a completion script for the shell, and the hidden
// `slimage manpage`, which the build runs to write slimage.1. Both render the CLI's own option
// table (help_tree.h), so neither can drift from `--help`.
#include <memory>

#include "cli/command.h"
#include "cli/help_tree.h"
#include "report/man_page.h"
#include "report/shell_completion.h"

namespace slimage::cli {

void RegisterCompletionCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand(
      "completion", "Print a shell completion script (bash: eval \"$(slimage completion bash)\")");
  auto shell = std::make_shared<std::string>();
  sub->add_option("SHELL", *shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  sub->callback([&context, shell] {
    const report::ProgramHelp program = DescribeProgram();
    if (*shell == "bash") {
      report::RenderBashCompletion(program, context.io.out);
    } else if (*shell == "zsh") {
      report::RenderZshCompletion(program, context.io.out);
    } else {
      report::RenderFishCompletion(program, context.io.out);
    }
    context.exit_code = kExitOk;
  });
}

void RegisterManpageCommand(CLI::App& app, CommandContext& context) {
  // An empty group hides it from --help, the man page and the completions.
  CLI::App* sub = app.add_subcommand("manpage", "Print the man page (roff)")->group("");
  sub->callback([&context] {
    report::RenderManPage(DescribeProgram(), context.io.out);
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
