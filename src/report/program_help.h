// What the command line accepts, as plain data: every subcommand with its options. The CLI
// builds it from its own option table (cli/help_tree.h), so the man page and the shell
// completions rendered from it (report/man_page.h, report/shell_completion.h) cannot drift
// from what `slimage … --help` says.
#pragma once

#include <string>
#include <vector>

namespace slimage::report {

struct OptionHelp {
  std::vector<std::string> names;    // "--format", "-o"; empty for a positional
  std::string value_name;            // "FILE", "TEXT", "INT"; empty for a flag
  std::vector<std::string> choices;  // the values a choice option accepts ({text,json,…})
  std::string description;
  bool positional = false;
  bool takes_files = false;  // a path (positional FILE/IMAGE, --config, --context, --output…)
};

struct CommandHelp {
  std::string name;
  std::string description;
  std::vector<OptionHelp> options;  // positionals last, in the order the CLI takes them
};

struct ProgramHelp {
  std::string name;  // "slimage"
  std::string version;
  std::string description;
  std::vector<CommandHelp> commands;
};

}  // namespace slimage::report
