// slimage analyze IMAGE: layers, sizes, waste and the image findings (IM…).
#include <algorithm>
#include <optional>
#include <sstream>

#include "analysis/checks.h"
#include "analysis/layer_breakdown.h"
#include "analysis/size_tree.h"
#include "cli/command.h"
#include "cli/image_options.h"
#include "cli/report_output.h"
#include "config/config.h"
#include "html/image_html.h"
#include "report/image_report.h"
#include "util/keep_until_exit.h"

namespace slimage::cli {
namespace {

constexpr int kHtmlWastedPaths = 100;

// The config's ignore list drops findings; its severity map overrides theirs.
void ApplyConfig(const config::Config& config, std::vector<analysis::ImageFinding>& findings) {
  std::erase_if(findings, [&](const analysis::ImageFinding& finding) {
    return std::find(config.ignore.begin(), config.ignore.end(), finding.rule) != config.ignore.end();
  });
  for (analysis::ImageFinding& finding : findings) {
    if (auto it = config.severity.find(finding.rule); it != config.severity.end()) finding.severity = it->second;
  }
}

bool AnyFindingAtOrAbove(const std::vector<analysis::ImageFinding>& findings, Severity threshold) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const analysis::ImageFinding& finding) { return finding.severity >= threshold; });
}

}  // namespace

void RegisterAnalyzeCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("analyze", "Analyse a built image: layers, sizes, waste, findings");
  auto options = std::make_shared<ImageCommandOptions>();
  auto format = std::make_shared<std::string>("text");
  auto top = std::make_shared<int>(10);
  auto fail_on = std::make_shared<std::string>();
  auto config_path = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  AddImageOptions(sub, *options);
  sub->add_option("--format", *format, "text, json or html (docs/html-report.md)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  AddOutputOption(sub, *output);
  sub->add_option("--top", *top, "how many wasted paths to list")->check(CLI::NonNegativeNumber);
  sub->add_option("--fail-on", *fail_on, "Exit 1 at or above this severity: error, warning, info, style, none")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}));
  sub->add_option("--config", *config_path, "config file (default: ./.slimage.yaml when present)");
  sub->callback([&context, options, format, top, fail_on, config_path, output] {
    const config::Config config = OrThrow(config::LoadConfig(*config_path));
    analysis::ImageModel model = LoadImageOrThrow(*options, context.io);
    analysis::ImageCheckOptions check_options;
    check_options.top = *top;
    check_options.allow_packages = config.allow_packages;
    std::vector<analysis::ImageFinding> findings = analysis::RunImageChecks(model, check_options);
    ApplyConfig(config, findings);
    // Rendered into a buffer first: a failure never leaves half a document on stdout.
    std::ostringstream rendered;
    if (*format == "json") {
      report::RenderImageJson(model, findings, rendered);
    } else if (*format == "html") {
      // The page lists more wasted paths than the text's --top: it has room and a scroll bar.
      const auto wasted_paths = static_cast<size_t>(std::max(*top, kHtmlWastedPaths));
      html::RenderImageHtml(model, findings, analysis::FinalFilesystemTree(model),
                            analysis::BreakDownLayers(model, wasted_paths), rendered);
    } else {
      report::RenderImageText(model, findings, *top, rendered);
    }
    WriteReport(*output, rendered.str(), context.io);
    KeepUntilExit(std::move(model));  // freeing 100,000s of nodes one by one would be the run's last serial slice
    // --fail-on beats the config's fail-on; the default is warning.
    std::optional<Severity> threshold = Severity::kWarning;
    if (*fail_on == "none") {
      threshold.reset();
    } else if (!fail_on->empty()) {
      threshold = ParseSeverity(*fail_on);
    } else if (config.fail_on) {
      threshold = config.fail_on;
    }
    context.exit_code = threshold && AnyFindingAtOrAbove(findings, *threshold) ? kExitFindings : kExitOk;
  });
}

}  // namespace slimage::cli
