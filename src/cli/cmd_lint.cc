// slimage lint [FILE…]: lint Dockerfiles (rules.md); a file that does not parse is an SL000
// finding. Exit 0 clean, 1 findings at or above --fail-on, 2 usage, unreadable file or bad config.
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "cli/command.h"
#include "config/config.h"
#include "report/lint_github.h"
#include "report/lint_gitlab.h"
#include "report/lint_json.h"
#include "report/lint_runner.h"
#include "report/lint_sarif.h"
#include "report/lint_text.h"
#include "rules/catalogue.h"
#include "util/file.h"

namespace slimage::cli {
namespace {

struct LintArgs {
  std::vector<std::string> files;
  std::string format = "text";
  std::string fail_on;  // empty: the config's, else warning
  std::string target;
  std::string context;  // --context DIR; empty: each Dockerfile's folder (stdin: the current one)
  std::string config;
  bool all_stages = false;
};


// The build context of `file` when --context is not given (rules.md SL701).
std::string DefaultContextDir(const std::string& file) {
  if (file == "-") return ".";
  std::string parent = std::filesystem::path(file).parent_path().string();
  return parent.empty() ? "." : parent;
}

// A Dockerfile rule ID (SL…) the config names must exist; IM… IDs belong to `analyze`.
void CheckRuleId(const config::Config& config, const std::string& id) {
  if (id.rfind("SL", 0) != 0 || rules::FindRuleInfo(id) != nullptr) return;
  auto line = config.rule_lines.find(id);
  const int at = line == config.rule_lines.end() ? 1 : line->second;
  throw InvalidInput(fmt::format("{}:{}: unknown rule '{}' (slimage explain --list lists them)", config.path, at, id));
}

report::LintOptions OptionsFrom(const LintArgs& args, const config::Config& config) {
  report::LintOptions options;
  options.target = args.target;
  options.settings.all_stages = args.all_stages;
  options.settings.allow_packages = config.allow_packages;
  for (const std::string& id : config.ignore) {
    CheckRuleId(config, id);
    options.ignore.push_back(id);
  }
  for (const auto& [id, severity] : config.severity) {
    CheckRuleId(config, id);
    options.severity[id] = severity;
  }
  if (args.fail_on == "none") {
    options.never_fail = true;
  } else if (!args.fail_on.empty()) {
    options.fail_on = *ParseSeverity(args.fail_on);
  } else if (config.fail_on) {
    options.fail_on = *config.fail_on;
  }
  return options;
}

}  // namespace

void RegisterLintCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("lint", "Lint Dockerfiles for what makes images big");
  auto args = std::make_shared<LintArgs>();
  sub->add_option("FILE", args->files, "Dockerfiles (default ./Dockerfile; - reads stdin)");
  sub->add_option("--format", args->format, "Output format: text, json, sarif, github or gitlab")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "gitlab"}));
  sub->add_option("--fail-on", args->fail_on,
                  "Exit 1 at or above this severity: error, warning, info, style, none (default: the config's, "
                  "else warning)")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}));
  sub->add_option("--target", args->target, "The stage that is built (default: the last one)");
  sub->add_option("--context", args->context, "Build context folder (default: the Dockerfile's folder)")
      ->check(CLI::ExistingDirectory);
  sub->add_option("--config", args->config, "Configuration file (default ./.slimage.yaml when present)");
  sub->add_flag("--all-stages", args->all_stages,
                "Also report cache rules (SL301-SL309) at info in stages that do not ship");
  sub->callback([&context, args] {
    const config::Config config = OrThrow(config::LoadConfig(args->config));
    report::LintOptions options = OptionsFrom(*args, config);
    std::vector<std::string> files = args->files.empty() ? std::vector<std::string>{"Dockerfile"} : args->files;
    std::vector<report::LintInput> inputs;
    for (const std::string& file : files) {
      inputs.push_back({file == "-" ? "<stdin>" : file, OrThrow(ReadTextFile(file)),
                        args->context.empty() ? DefaultContextDir(file) : args->context});
    }
    report::LintReport result = OrThrow(report::LintFiles(inputs, options));
    if (args->format == "json") {
      report::RenderLintJson(result, context.io.out);
    } else if (args->format == "sarif") {
      report::RenderLintSarif(result, context.io.out);
    } else if (args->format == "github") {
      report::RenderLintGithub(result, context.io.out);
    } else if (args->format == "gitlab") {
      report::RenderLintGitlab(result, context.io.out);
    } else {
      bool color = context.io.out_is_tty && std::getenv("NO_COLOR") == nullptr;
      report::RenderLintText(result, color, context.io.out);
    }
    context.exit_code = result.failed ? kExitFindings : kExitOk;
  });
}

}  // namespace slimage::cli
