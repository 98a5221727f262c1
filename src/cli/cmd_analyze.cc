// slimage analyze IMAGE: layers, sizes, waste and the image findings (IM…).
#include <sstream>

#include "analysis/checks.h"
#include "cli/command.h"
#include "cli/image_options.h"
#include "report/image_report.h"

namespace slimage::cli {

void RegisterAnalyzeCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("analyze", "Analyse a built image: layers, sizes, waste, findings");
  auto options = std::make_shared<ImageCommandOptions>();
  auto format = std::make_shared<std::string>("text");
  auto top = std::make_shared<int>(10);
  AddImageOptions(sub, *options);
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--top", *top, "how many wasted paths to list")->check(CLI::NonNegativeNumber);
  sub->callback([&context, options, format, top] {
    analysis::ImageModel model = LoadImageOrThrow(*options);
    analysis::ImageCheckOptions check_options;
    check_options.top = *top;
    std::vector<analysis::ImageFinding> findings = analysis::RunImageChecks(model, check_options);
    // Rendered into a buffer first: a failure never leaves half a document on stdout.
    std::ostringstream rendered;
    if (*format == "json") {
      report::RenderImageJson(model, findings, rendered);
    } else {
      report::RenderImageText(model, findings, *top, rendered);
    }
    context.io.out << rendered.str();
    bool at_or_above_warning = false;
    for (const auto& finding : findings) {
      at_or_above_warning = at_or_above_warning || finding.severity == analysis::Severity::kError ||
                            finding.severity == analysis::Severity::kWarning;
    }
    context.exit_code = at_or_above_warning ? kExitFindings : kExitOk;
  });
}

}  // namespace slimage::cli
