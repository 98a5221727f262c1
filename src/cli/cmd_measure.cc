// slimage measure [DOCKERFILE] [--context DIR] [--target STAGE] [--builder docker|podman|buildah]
// [--smoke CMD] [--rules ID,…] [--unsafe] [--keep] [--format text|json]: build the Dockerfile
// as written and once more per fix, and print what each fix saved (measure/measure.h).
// Exit 0 (a measure reports; a rejected fix is in the report); 2 when the Dockerfile does not
// parse or does not build as written, or on bad usage.
#include <filesystem>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/fix_rules_option.h"
#include "cli/report_output.h"
#include "config/config.h"
#include "html/measure_html.h"
#include "measure/builder_cli.h"
#include "measure/measure.h"
#include "report/measure_report.h"
#include "rules/catalogue.h"
#include "util/display_escape.h"
#include "util/file.h"

namespace slimage::cli {
namespace {

struct MeasureArgs {
  std::string dockerfile = "Dockerfile";
  std::string context;
  std::string target;
  std::string builder;
  std::string smoke;
  bool smoke_output = false;
  int smoke_timeout = 60;
  std::vector<std::string> rules;
  bool unsafe = false;
  bool keep = false;
  std::string format = "text";
  std::vector<std::string> build_args;
  std::string platform;
  std::string network;
  std::string config;
  std::string output;
  int top = 10;
};

// "[step 2/5] SL302: <the builder's last line>", rewritten in place on a terminal.
class TerminalProgress {
 public:
  explicit TerminalProgress(std::ostream& err) : err_(err) {}
  ~TerminalProgress() {
    if (shown_) err_ << "\r\x1b[K" << std::flush;
  }
  void Step(int step, int steps, std::string_view what) {
    label_ = fmt::format("[step {} of {}] {}", step, steps - 1, what);
    Show("");
  }
  // Shows the last complete line the builder printed (LastLines: escaped, \r progress resolved).
  void Output(std::string_view chunk) {
    line_ += chunk;
    const size_t end = line_.rfind('\n');
    if (end == std::string::npos) return;
    const std::vector<std::string> last = measure::LastLines(std::string_view(line_).substr(0, end), 1);
    line_.erase(0, end + 1);
    if (!last.empty()) Show(last.back());
  }

 private:
  // `line` is already escaped for display.
  void Show(std::string_view line) {
    std::string text = label_;
    if (!line.empty()) text += ": " + std::string(line);
    err_ << "\r\x1b[K" << ShortenForDisplay(text, 100) << std::flush;
    shown_ = true;
  }
  std::ostream& err_;
  std::string label_;
  std::string line_;
  bool shown_ = false;
};

std::string ReadDockerfile(const std::string& file, const Io& io) {
  if (file != "-") return OrThrow(ReadTextFile(file));
  if (io.in == nullptr) return std::string{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  return std::string{std::istreambuf_iterator<char>(*io.in), std::istreambuf_iterator<char>()};
}

}  // namespace

void RegisterMeasureCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("measure", "Build the Dockerfile as written and after each fix; print what each fix saved");
  auto args = std::make_shared<MeasureArgs>();
  sub->add_option("DOCKERFILE", args->dockerfile, "the Dockerfile (default ./Dockerfile; - reads stdin)");
  sub->add_option("--context", args->context, "build context directory (default: the Dockerfile's folder; . for stdin)");
  sub->add_option("--target", args->target, "the stage to build (passed to the builder)");
  sub->add_option("--builder", args->builder, "docker, podman or buildah (default: the first found)")
      ->check(CLI::IsMember({"docker", "podman", "buildah"}));
  sub->add_option("--smoke", args->smoke, "command run in every variant (default: the image's entrypoint/cmd when it exits by itself)");
  sub->add_flag("--smoke-output", args->smoke_output, "a variant whose smoke output differs from step 0's also fails");
  sub->add_option("--smoke-timeout", args->smoke_timeout, "seconds a smoke run may take (default 60)")->check(CLI::PositiveNumber);
  sub->add_option("--rules", args->rules, "only these fixes (comma separated IDs)")->delimiter(',')->allow_extra_args(false);
  sub->add_flag("--unsafe", args->unsafe, "also measure the fixes that change what is installed (SL303)");
  sub->add_flag("--keep", args->keep, "keep the variants, tagged slimage-measure/NAME:STEP");
  sub->add_option("--format", args->format, "text, json or html (docs/html-report.md)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  AddOutputOption(sub, args->output);
  sub->add_option("--build-arg", args->build_args, "NAME=value, passed to the builder (repeatable)")->allow_extra_args(false);
  sub->add_option("--platform", args->platform, "os/arch, passed to the builder");
  sub->add_option("--network", args->network, "the builder's network for RUN (e.g. host), passed to it");
  sub->add_option("--top", args->top, "rows of the largest step's diff")->check(CLI::NonNegativeNumber);
  sub->add_option("--config", args->config, "config file (default: ./.slimage.yaml when present)");
  sub->callback([&context, args] {
    const config::Config config = OrThrow(config::LoadConfig(args->config));
    measure::MeasureOptions options;
    options.dockerfile = args->dockerfile;
    options.dockerfile_path = args->dockerfile == "-" ? "" : args->dockerfile;
    std::string folder = args->dockerfile == "-" ? "." : std::filesystem::path(args->dockerfile).parent_path().string();
    options.context = !args->context.empty() ? args->context : (folder.empty() ? "." : folder);
    if (!std::filesystem::is_directory(options.context)) {
      throw InvalidInput(fmt::format("--context: {} is not a directory", EscapeForDisplay(options.context)));
    }
    std::error_code ignored;
    options.name = measure::TagName(std::filesystem::absolute(options.context, ignored).lexically_normal().string());
    options.fix.unsafe = args->unsafe;
    options.fix.target = args->target;
    options.fix.ignore = config.ignore;
    options.fix.settings.allow_packages = config.allow_packages;
    options.fix.settings.context_dir = options.context;
    options.fix.rules = FixRulesOrThrow(args->rules);
    options.build.target = args->target;
    options.build.build_args = args->build_args;
    options.build.platform = args->platform;
    options.build.network = args->network;
    options.smoke = args->smoke;
    options.smoke_output = args->smoke_output;
    options.smoke_timeout_seconds = args->smoke_timeout;
    options.keep = args->keep;
    options.checks.top = args->top;
    options.checks.allow_packages = config.allow_packages;
    options.analyze.open.platform = args->platform;

    const std::string source = ReadDockerfile(args->dockerfile, context.io);
    auto builder = OrThrow(measure::FindBuilder(args->builder, SystemCommandRunner()));
    std::optional<TerminalProgress> terminal;
    measure::MeasureProgress progress;
    if (context.io.err_is_tty) {
      terminal.emplace(context.io.err);
      progress.step = [&](int step, int steps, std::string_view what) { terminal->Step(step, steps, what); };
      progress.output = [&](std::string_view chunk) { terminal->Output(chunk); };
    }
    const measure::MeasureResult result = OrThrow(measure::Measure(source, options, *builder, progress));
    terminal.reset();
    // Rendered into a buffer first: a failure never leaves half a document on stdout.
    std::ostringstream rendered;
    if (args->format == "json") {
      report::RenderMeasureJson(result, rendered);
    } else if (args->format == "html") {
      std::ostringstream json;
      report::RenderMeasureJson(result, json);
      rendered << html::RenderMeasureHtml(json.str());
    } else {
      report::RenderMeasureText(result, rendered);
    }
    WriteReport(args->output, rendered.str(), context.io);
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
