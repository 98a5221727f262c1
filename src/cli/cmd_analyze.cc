// slimage analyze IMAGE: layers, sizes, waste and the image findings (IM…).
#include <sstream>

#include "analysis/checks.h"
#include "cli/command.h"
#include "cli/image_options.h"
#include "report/image_report.h"

namespace slimage::cli {
namespace {

// analysis::Severity runs from most to least severe (kError first).
bool AnyFindingAtOrAbove(const std::vector<analysis::ImageFinding>& findings, const std::string& fail_on) {
  if (fail_on == "none") return false;
  const analysis::Severity threshold = fail_on == "error"     ? analysis::Severity::kError
                                       : fail_on == "warning" ? analysis::Severity::kWarning
                                       : fail_on == "info"    ? analysis::Severity::kInfo
                                                              : analysis::Severity::kStyle;
  for (const auto& finding : findings) {
    if (finding.severity <= threshold) return true;
  }
  return false;
}

}  // namespace

void RegisterAnalyzeCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("analyze", "Analyse a built image: layers, sizes, waste, findings");
  auto options = std::make_shared<ImageCommandOptions>();
  auto format = std::make_shared<std::string>("text");
  auto top = std::make_shared<int>(10);
  auto fail_on = std::make_shared<std::string>("warning");
  AddImageOptions(sub, *options);
  sub->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--top", *top, "how many wasted paths to list")->check(CLI::NonNegativeNumber);
  sub->add_option("--fail-on", *fail_on, "Exit 1 at or above this severity: error, warning, info, style, none")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}));
  sub->callback([&context, options, format, top, fail_on] {
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
    context.exit_code = AnyFindingAtOrAbove(findings, *fail_on) ? kExitFindings : kExitOk;
  });
}

}  // namespace slimage::cli
