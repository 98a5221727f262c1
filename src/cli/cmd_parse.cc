// slimage parse FILE: the Dockerfile's syntax tree in BuildKit's dump format.
#include <fmt/format.h>

#include "cli/command.h"
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "util/file.h"

namespace slimage::cli {

void RegisterParseCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("parse", "Print a Dockerfile's syntax tree (BuildKit's dump format)");
  auto file = std::make_shared<std::string>();
  sub->add_option("FILE", *file, "Dockerfile to parse (- reads stdin)")->required();
  sub->callback([&context, file] {
    std::string source = OrThrow(ReadTextFile(*file));
    dockerfile::ParseResult result = dockerfile::Parse(source);
    if (!result.ok()) {
      const dockerfile::SyntaxError& error = *result.error;
      throw InvalidInput(fmt::format("{}:{}:{}: {}", *file == "-" ? "<stdin>" : *file, error.line, error.column,
                                     error.message));
    }
    context.io.out << dockerfile::Dump(result.root) << "\n";
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
