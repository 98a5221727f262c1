#include "cli/app.h"

#include <exception>

#include "cli/commands.h"
#include "util/display_escape.h"

namespace slimage::cli {

void BuildApp(CLI::App& app, CommandContext& context) {
  app.description("slimage: find, explain, fix and measure what makes container images big");
  app.name("slimage");
  app.require_subcommand(1);
  app.fallthrough(false);
  for (CommandRegistrar registrar : AllCommands()) registrar(app, context);
}

int Run(int argc, const char* const* argv, Io& io) {
  CLI::App app;
  CommandContext context{io};
  BuildApp(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    io.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp& e) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // CLI11 runs subcommand callbacks inside parse(); InvalidInput is caught below.
    io.err << "slimage: " << EscapeForDisplay(e.what()) << "\n";
    return kExitInvalid;
  } catch (const InvalidInput& e) {
    // Messages quote file names, image paths and config values: escaped, they stay one line.
    io.err << "slimage: " << EscapeForDisplay(e.what()) << "\n";
    return kExitInvalid;
  } catch (const std::bad_alloc&) {
    io.err << "slimage: out of memory\n";
    return kExitInvalid;
  }
  return context.exit_code;
}

}  // namespace slimage::cli
