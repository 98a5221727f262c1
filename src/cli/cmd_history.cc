// slimage history IMAGE: a docker history-like table with sizes, file counts and waste.
#include <sstream>

#include "cli/command.h"
#include "cli/image_options.h"
#include "report/image_report.h"

namespace slimage::cli {

void RegisterHistoryCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("history", "Per layer: instruction, size, compressed size, files, waste");
  auto options = std::make_shared<ImageCommandOptions>();
  AddImageOptions(sub, *options);
  sub->callback([&context, options] {
    analysis::ImageModel model = LoadImageOrThrow(*options);
    std::ostringstream rendered;
    report::RenderHistoryText(model, rendered);
    context.io.out << rendered.str();
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
