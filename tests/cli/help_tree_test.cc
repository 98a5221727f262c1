#include "cli/help_tree.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/run_cli.h"

namespace slimage::cli {
namespace {

const report::CommandHelp* FindCommand(const report::ProgramHelp& program, const std::string& name) {
  for (const report::CommandHelp& command : program.commands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

const report::OptionHelp* FindOption(const report::CommandHelp& command, const std::string& name) {
  for (const report::OptionHelp& option : command.options) {
    if (std::find(option.names.begin(), option.names.end(), name) != option.names.end()) return &option;
  }
  return nullptr;
}

TEST(HelpTree, EverySubcommandOfHelpIsDescribedAndTheHiddenOneIsNot) {
  const report::ProgramHelp program = DescribeProgram();
  const testing::CliResult help = testing::RunCli({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  ASSERT_FALSE(program.commands.empty());
  for (const report::CommandHelp& command : program.commands) {
    EXPECT_NE(help.out.find("\n  " + command.name + " "), std::string::npos) << command.name << "\n" << help.out;
  }
  for (const char* name : {"lint", "analyze", "history", "check", "explain", "version", "completion"}) {
    EXPECT_NE(FindCommand(program, name), nullptr) << name;
  }
  EXPECT_EQ(FindCommand(program, "manpage"), nullptr);
  EXPECT_EQ(help.out.find("manpage"), std::string::npos);
}

TEST(HelpTree, OptionsCarryTheirChoicesValuesAndPathKinds) {
  const report::ProgramHelp program = DescribeProgram();
  const report::CommandHelp* lint = FindCommand(program, "lint");
  ASSERT_NE(lint, nullptr);
  const report::OptionHelp* format = FindOption(*lint, "--format");
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(format->choices, (std::vector<std::string>{"text", "json", "sarif", "github", "gitlab"}));
  EXPECT_FALSE(format->takes_files);
  const report::OptionHelp* context = FindOption(*lint, "--context");
  ASSERT_NE(context, nullptr);
  EXPECT_EQ(context->value_name, "DIR");
  EXPECT_TRUE(context->takes_files);
  const report::OptionHelp* all_stages = FindOption(*lint, "--all-stages");
  ASSERT_NE(all_stages, nullptr);
  EXPECT_EQ(all_stages->value_name, "");  // a flag
  // The positional comes last and takes files.
  ASSERT_FALSE(lint->options.empty());
  EXPECT_TRUE(lint->options.back().positional);
  EXPECT_EQ(lint->options.back().value_name, "FILE");
  EXPECT_TRUE(lint->options.back().takes_files);
}

TEST(HelpTree, EveryOptionOfEachSubcommandsHelpIsDescribed) {
  const report::ProgramHelp program = DescribeProgram();
  for (const report::CommandHelp& command : program.commands) {
    const testing::CliResult help = testing::RunCli({command.name, "--help"});
    ASSERT_EQ(help.exit_code, 0) << command.name;
    for (const report::OptionHelp& option : command.options) {
      for (const std::string& name : option.names) {
        EXPECT_NE(help.out.find(name), std::string::npos) << command.name << " " << name;
      }
    }
  }
}

}  // namespace
}  // namespace slimage::cli
