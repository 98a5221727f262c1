// slimage diff IMAGE_A IMAGE_B: what changed between two images.
#include <algorithm>
#include <sstream>

#include "cli/command.h"
#include "cli/image_options.h"
#include "cli/report_output.h"
#include "config/config.h"
#include "diff/delta_tree.h"
#include "diff/load_sides.h"
#include "html/diff_html.h"
#include "report/diff_report.h"

namespace slimage::cli {
namespace {

void DropIgnored(const config::Config& config, diff::DiffSide& side) {
  std::erase_if(side.findings, [&](const analysis::ImageFinding& finding) {
    return std::find(config.ignore.begin(), config.ignore.end(), finding.rule) != config.ignore.end();
  });
  for (analysis::ImageFinding& finding : side.findings) {
    if (auto it = config.severity.find(finding.rule); it != config.severity.end()) finding.severity = it->second;
  }
}

}  // namespace

void RegisterDiffCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("diff", "What changed between two images: sizes, layers, files, packages, findings");
  auto options = std::make_shared<ImageCommandOptions>();
  auto image_a = std::make_shared<std::string>();
  auto image_b = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto top = std::make_shared<int>(10);
  auto config_path = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  sub->add_option("IMAGE_A", *image_a, "the image before (any source analyze takes)")->required();
  sub->add_option("IMAGE_B", *image_b, "the image after")->required();
  AddImageReadOptions(sub, *options);
  sub->add_option("--format", *format, "text, json or html (docs/html-report.md)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  AddOutputOption(sub, *output);
  sub->add_option("--top", *top, "how many paths per kind and directories to list")->check(CLI::NonNegativeNumber);
  sub->add_option("--config", *config_path, "config file (default: ./.slimage.yaml when present)");
  sub->callback([&context, options, image_a, image_b, format, top, config_path, output] {
    if (*image_a == "-" && *image_b == "-") throw InvalidInput("diff: only one of the two images can be read from stdin");
    const config::Config config = OrThrow(config::LoadConfig(*config_path));
    diff::LoadOptions load;
    load.analyze = AnalyzeOptionsOrThrow(*options, context.io);
    load.checks.top = *top;
    load.checks.allow_packages = config.allow_packages;
    auto [a, b] = OrThrow(diff::LoadSides(*image_a, *image_b, load));
    DropIgnored(config, a);
    DropIgnored(config, b);
    diff::DiffOptions diff_options;
    diff_options.top = *top;
    const diff::ImageDiff result = diff::ComputeImageDiff(a, b, diff_options);
    // Rendered into a buffer first: a failure never leaves half a document on stdout.
    std::ostringstream rendered;
    if (*format == "json") {
      report::RenderDiffJson(a, b, result, rendered);
    } else if (*format == "html") {
      html::RenderDiffHtml(a, b, result, diff::DeltaTree(a.model, b.model), rendered);
    } else {
      report::RenderDiffText(a, b, result, rendered);
    }
    WriteReport(*output, rendered.str(), context.io);
    // A diff reports; it does not judge: exit 0 whatever changed (bad input is 2).
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
