// slimage lint [FILE…]: lint Dockerfiles (rules.md); a file that does not parse is an SL000
// finding. Exit 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable file.
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "cli/command.h"
#include "report/lint_json.h"
#include "report/lint_runner.h"
#include "report/lint_text.h"
#include "util/file.h"

namespace slimage::cli {
namespace {

struct LintArgs {
  std::vector<std::string> files;
  std::string format = "text";
  std::string fail_on = "warning";
  std::string target;
  std::string context;  // --context DIR; empty: each Dockerfile's folder (stdin: the current one)
};

// The build context of `file` when --context is not given (rules.md SL701).
std::string DefaultContextDir(const std::string& file) {
  if (file == "-") return ".";
  std::string parent = std::filesystem::path(file).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace

void RegisterLintCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("lint", "Lint Dockerfiles for what makes images big");
  auto args = std::make_shared<LintArgs>();
  sub->add_option("FILE", args->files, "Dockerfiles (default ./Dockerfile; - reads stdin)");
  sub->add_option("--format", args->format, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  sub->add_option("--fail-on", args->fail_on, "Exit 1 at or above this severity: error, warning, info, style, none")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}));
  sub->add_option("--target", args->target, "The stage that is built (default: the last one)");
  sub->add_option("--context", args->context, "Build context folder (default: the Dockerfile's folder)")
      ->check(CLI::ExistingDirectory);
  sub->callback([&context, args] {
    std::vector<std::string> files = args->files.empty() ? std::vector<std::string>{"Dockerfile"} : args->files;
    std::vector<report::LintInput> inputs;
    for (const std::string& file : files) {
      inputs.push_back({file == "-" ? "<stdin>" : file, OrThrow(ReadTextFile(file)),
                        args->context.empty() ? DefaultContextDir(file) : args->context});
    }
    report::LintOptions options;
    options.target = args->target;
    options.never_fail = args->fail_on == "none";
    if (!options.never_fail) options.fail_on = *rules::ParseSeverity(args->fail_on);
    report::LintReport result = OrThrow(report::LintFiles(inputs, options));
    if (args->format == "json") {
      report::RenderLintJson(result, context.io.out);
    } else {
      bool color = context.io.out_is_tty && std::getenv("NO_COLOR") == nullptr;
      report::RenderLintText(result, color, context.io.out);
    }
    context.exit_code = result.failed ? kExitFindings : kExitOk;
  });
}

}  // namespace slimage::cli
