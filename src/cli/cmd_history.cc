// slimage history IMAGE: a docker history-like table with sizes, file counts and waste.
// --no-layers: the manifest and config only (compressed sizes and instructions, no layer read).
#include <sstream>

#include "cli/command.h"
#include "cli/image_options.h"
#include "report/image_report.h"

namespace slimage::cli {

void RegisterHistoryCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("history", "Per layer: instruction, size, compressed size, files, waste");
  auto options = std::make_shared<ImageCommandOptions>();
  auto no_layers = std::make_shared<bool>(false);
  AddImageOptions(sub, *options);
  sub->add_flag("--no-layers", *no_layers,
                "read only the manifest and config: compressed sizes and instructions, no layer is pulled");
  sub->callback([&context, options, no_layers] {
    std::ostringstream rendered;
    if (*no_layers) {
      analysis::AnalyzeOptions analyze = AnalyzeOptionsOrThrow(*options, context.io);
      analysis::ImageModel model = OrThrow(analysis::LoadImageMetadataModel(options->image, analyze));
      report::RenderHistoryText(model, rendered, /*layers_read=*/false);
    } else {
      analysis::ImageModel model = LoadImageOrThrow(*options, context.io);
      report::RenderHistoryText(model, rendered);
    }
    context.io.out << rendered.str();
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
