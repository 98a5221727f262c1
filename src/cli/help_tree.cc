#include "cli/help_tree.h"

#include <sstream>

#include "cli/app.h"

namespace slimage::cli {
namespace {

// CLI11 appends a validator's description to the type name: "TEXT:{text,json,sarif}".
std::vector<std::string> ChoicesOf(const std::string& type_name) {
  std::vector<std::string> choices;
  const std::size_t open = type_name.find('{');
  const std::size_t close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::string item;
  std::istringstream list(type_name.substr(open + 1, close - open - 1));
  while (std::getline(list, item, ',')) {
    if (!item.empty()) choices.push_back(item);
  }
  return choices;
}

// Options and positionals whose value is a path: the shells complete file names there.
bool TakesFiles(const CLI::Option& option) {
  static const char* const kPathOptions[] = {"--config", "--context", "--output"};
  for (const std::string& name : option.get_lnames()) {
    for (const char* path_option : kPathOptions) {
      if ("--" + name == path_option) return true;
    }
  }
  return option.get_positional();
}

report::OptionHelp DescribeOption(const CLI::Option& option) {
  report::OptionHelp help;
  help.positional = option.get_positional();
  if (help.positional) {
    help.value_name = option.get_name(true);
    help.choices = ChoicesOf(option.get_type_name());
  } else {
    for (const std::string& name : option.get_snames()) help.names.push_back("-" + name);
    for (const std::string& name : option.get_lnames()) help.names.push_back("--" + name);
    if (option.get_items_expected_min() > 0) {
      const std::string type = option.get_type_name();
      help.value_name = type.substr(0, type.find(':'));
      help.choices = ChoicesOf(type);
      // CLI::ExistingDirectory / ExistingFile name the kind of path they check.
      if (type.find(":DIR") != std::string::npos) help.value_name = "DIR";
      if (type.find(":FILE") != std::string::npos) help.value_name = "FILE";
    }
  }
  help.description = option.get_description();
  help.takes_files = !help.value_name.empty() && help.choices.empty() &&
                     (TakesFiles(option) || help.value_name == "DIR" || help.value_name == "FILE");
  return help;
}

}  // namespace

report::ProgramHelp DescribeProgram() {
  std::ostringstream sink;
  Io io{sink, sink};
  CommandContext context{io};
  CLI::App app;
  BuildApp(app, context);

  report::ProgramHelp program;
  program.name = app.get_name();
  program.version = SLIMAGE_VERSION;
  program.description = app.get_description();
  // Hidden subcommands (an empty group, like `manpage`) are for the build, not for users.
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    report::CommandHelp command;
    command.name = sub->get_name();
    command.description = sub->get_description();
    std::vector<report::OptionHelp> positionals;
    for (const CLI::Option* option : sub->get_options()) {
      if (option->get_lnames().size() == 1 && option->get_lnames()[0] == "help") {
        command.options.push_back(DescribeOption(*option));
        continue;
      }
      report::OptionHelp help = DescribeOption(*option);
      (help.positional ? positionals : command.options).push_back(std::move(help));
    }
    for (report::OptionHelp& positional : positionals) command.options.push_back(std::move(positional));
    program.commands.push_back(std::move(command));
  }
  return program;
}

}  // namespace slimage::cli
