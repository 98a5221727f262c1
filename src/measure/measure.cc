#include "measure/measure.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "diff/load_sides.h"
#include "fix/lint_pass.h"
#include "measure/smoke.h"
#include "measure/variants.h"
#include "measure/workspace.h"
#include "util/display_escape.h"

namespace slimage::measure {
namespace {

class Run {
 public:
  Run(const std::string& source, const MeasureOptions& options, Builder& builder, const MeasureProgress& progress,
      Workspace& workspace)
      : source_(source), options_(options), builder_(builder), progress_(progress), workspace_(workspace) {}

  Expected<MeasureResult> Go() {
    auto firing = FindFiringFixes(options_.dockerfile, source_, options_.fix);
    if (!firing) return firing.error();
    result_.dockerfile = options_.dockerfile;
    result_.builder = builder_.Name();
    result_.smoke = options_.smoke;
    result_.smoke_default = options_.smoke.empty();
    for (const fix::SkippedFix& skipped : firing->skipped) {
      result_.rejected.push_back({skipped.rule, fmt::format("line {}: slimage fix skipped it: {}", skipped.line, skipped.reason)});
    }
    steps_ = static_cast<int>(firing->rules.size()) + 1;

    std::string path = options_.dockerfile_path;
    if (path.empty()) {
      auto written = workspace_.WriteDockerfile(0, source_);
      if (!written) return written.error();
      path = *written;
    }
    auto first = BuildStep(0, {}, path);
    if (!first) return first.error();
    if (!first->built) {
      std::string message = fmt::format("{}: does not build as written with {}", EscapeForDisplay(options_.dockerfile),
                                        builder_.Name());
      // One line: the builder's last lines joined (its error and the step that failed).
      const size_t from = first->tail.size() > 3 ? first->tail.size() - 3 : 0;
      for (size_t i = from; i < first->tail.size(); ++i) message += (i == from ? ": " : " | ") + first->tail[i];
      return MakeError("{}", message);
    }
    auto side = ReadSide(0);
    if (!side) return side.error();
    Step step0 = StepOf(0, {}, first->image_id, **side);
    if (auto smoke = SmokeStepZero(**side, step0); !smoke) return smoke.error();
    result_.steps.push_back(step0);
    accepted_side_ = *side;
    accepted_step_ = 0;
    accepted_text_ = source_;

    std::vector<std::string> accepted_rules;
    for (const std::string& rule : firing->rules) {
      std::vector<std::string> rules = accepted_rules;
      rules.push_back(rule);
      auto variant = VariantOf(options_.dockerfile, source_, options_.fix, rules);
      if (!variant) return variant.error();
      const int number = static_cast<int>(result_.steps.size());
      if (variant->fixed == accepted_text_) {
        result_.steps.push_back(UnchangedStep(number, rule));
        continue;
      }
      auto written = workspace_.WriteDockerfile(number, variant->fixed);
      if (!written) return written.error();
      auto built = BuildStep(number, rule, *written);
      if (!built) return built.error();
      if (!built->built) {
        Step failed = FailedBuild(number, rule, *built);
        result_.rejected.push_back({rule, failed.smoke_problem});
        result_.steps.push_back(std::move(failed));
        continue;
      }
      auto step_side = ReadSide(number);
      if (!step_side) return step_side.error();
      Step step = StepOf(number, {rule}, built->image_id, **step_side);
      if (auto smoke = SmokeLater(**step_side, step); !smoke) return smoke.error();
      if (step.smoke == SmokeStatus::kFailed) {
        result_.rejected.push_back({rule, fmt::format("unsafe for this Dockerfile: the smoke run of step {} {}", number,
                                                      step.smoke_problem)});
        result_.steps.push_back(std::move(step));
        continue;
      }
      NoteLargest(number, step.delta, *step_side);
      result_.steps.push_back(std::move(step));
      accepted_rules.push_back(rule);
      accepted_side_ = *step_side;
      accepted_step_ = number;
      accepted_text_ = variant->fixed;
    }
    Totals();
    NotAppliedFindings();
    return std::move(result_);
  }

 private:
  std::string Tag(int step) const {
    const std::string name = options_.name.empty() ? "image" : options_.name;
    if (options_.keep) return fmt::format("slimage-measure/{}:{}", name, step);
    return fmt::format("slimage-measure/{}:tmp-{}-{}", name, getpid(), step);
  }

  Expected<BuildOutcome> BuildStep(int step, const std::string& rule, const std::string& path) {
    if (progress_.step) progress_.step(step, steps_, step == 0 ? "as written" : rule);
    BuildRequest request = options_.build;
    request.dockerfile = path;
    request.context = options_.context;
    request.tag = Tag(step);
    auto built = builder_.Build(request, progress_.output);
    if (built && built->built) workspace_.AddTag(request.tag);
    return built;
  }

  Expected<std::shared_ptr<const diff::DiffSide>> ReadSide(int step) {
    analysis::AnalyzeOptions analyze = options_.analyze;
    analyze.read.keep_package_databases = true;
    auto model = builder_.Read(Tag(step), analyze);
    if (!model) return model.error();
    return std::make_shared<const diff::DiffSide>(diff::MakeDiffSide(std::move(*model), options_.checks));
  }

  Step StepOf(int number, std::vector<std::string> rules, const std::string& image, const diff::DiffSide& side) const {
    Step step;
    step.step = number;
    step.rules = std::move(rules);
    step.image = image;
    step.size = side.model.metrics.size;
    step.compressed_size = side.model.metrics.compressed_size;
    step.final_size = side.model.metrics.final_size;
    step.layers = static_cast<int>(side.model.layers.size());
    if (number > 0) {
      step.based_on = accepted_step_;
      step.delta = static_cast<int64_t>(step.size) - static_cast<int64_t>(result_.steps[accepted_step_].size);
    }
    return step;
  }

  Step UnchangedStep(int number, const std::string& rule) const {
    Step step = result_.steps[accepted_step_];
    step.step = number;
    step.rules = {rule};
    step.based_on = accepted_step_;
    step.delta = 0;
    step.unchanged = true;
    return step;
  }

  Step FailedBuild(int number, const std::string& rule, const BuildOutcome& built) const {
    Step step;
    step.step = number;
    step.rules = {rule};
    step.based_on = accepted_step_;
    step.smoke = SmokeStatus::kFailed;
    step.smoke_problem = "does not build";
    if (!built.tail.empty()) step.smoke_problem += ": " + built.tail.back();
    return step;
  }

  RunRequest SmokeRequest(const diff::DiffSide& side, int step) const {
    RunRequest run;
    run.image = Tag(step);
    run.command = options_.smoke;
    run.has_shell = side.model.metrics.has_shell;
    run.default_command = DefaultCommand(side.model.config_json);
    run.timeout_seconds = options_.smoke_timeout_seconds;
    run.name = fmt::format("slimage-measure-{}-{}", getpid(), step);
    return run;
  }

  Expected<void> SmokeStepZero(const diff::DiffSide& side, Step& step) {
    RunRequest run = SmokeRequest(side, 0);
    if (run.command.empty() && run.default_command.empty()) return {};  // nothing to run: smoke none
    auto ran = builder_.Run(run);
    if (!ran) return ran.error();
    if (ran->timed_out) {
      if (!options_.smoke.empty()) {
        return MakeError("--smoke: '{}' did not finish within {} s in the image as written (--smoke-timeout)",
                         EscapeForDisplay(options_.smoke), options_.smoke_timeout_seconds);
      }
      return {};  // a server: it does not exit by itself, so there is nothing to compare
    }
    reference_ = {true, ran->exit_code, ran->out};
    step.smoke = SmokeStatus::kPassed;
    step.smoke_exit_code = ran->exit_code;
    step.smoke_output = KeptOutput(ran->out);
    return {};
  }

  Expected<void> SmokeLater(const diff::DiffSide& side, Step& step) {
    if (!reference_.active) return {};
    auto ran = builder_.Run(SmokeRequest(side, step.step));
    if (!ran) return ran.error();
    JudgeSmoke(*ran, reference_, options_.smoke_output, options_.smoke_timeout_seconds, step);
    return {};
  }

  // The step that saved the most, and its diff against the step it was built on.
  void NoteLargest(int number, int64_t delta, const std::shared_ptr<const diff::DiffSide>& side) {
    if (delta >= 0 || (result_.largest && delta >= largest_delta_)) return;
    largest_delta_ = delta;
    LargestStep largest;
    largest.step = number;
    largest.against = accepted_step_;
    largest.before = accepted_side_;
    largest.after = side;
    largest.diff = diff::ComputeImageDiff(*accepted_side_, *side, diff::DiffOptions{std::min(options_.checks.top, 5)});
    result_.largest = std::move(largest);
  }

  void Totals() {
    result_.size_before = result_.steps.front().size;
    result_.size_after = result_.steps[accepted_step_].size;
    result_.saved = static_cast<int64_t>(result_.size_before) - static_cast<int64_t>(result_.size_after);
    result_.saved_percent =
        result_.size_before == 0 ? 0.0 : 100.0 * static_cast<double>(result_.saved) / static_cast<double>(result_.size_before);
  }

  // Lint findings of the last accepted Dockerfile that no fix handles but the last image
  // measures (SL101 → IM203, …).
  void NotAppliedFindings() {
    fix::LintPassOptions lint;
    lint.target = options_.fix.target;
    lint.settings = options_.fix.settings;
    lint.ignore = options_.fix.ignore;
    auto pass = fix::RunLintPass(accepted_text_, lint);
    if (!pass->ok()) return;
    for (const rules::Finding& finding : pass->findings) {
      const auto& table = NotAppliedRules();
      auto entry = std::find_if(table.begin(), table.end(), [&](const auto& row) { return row.first == finding.rule; });
      if (entry == table.end()) continue;
      NotApplied row{finding.rule, finding.line, finding.message, entry->second, 0};
      for (const analysis::ImageFinding& image_finding : accepted_side_->findings) {
        if (std::find(entry->second.begin(), entry->second.end(), image_finding.rule) != entry->second.end()) {
          row.bytes += image_finding.bytes;
        }
      }
      result_.not_applied.push_back(std::move(row));
    }
  }

  const std::string& source_;
  const MeasureOptions& options_;
  Builder& builder_;
  const MeasureProgress& progress_;
  Workspace& workspace_;
  MeasureResult result_;
  int steps_ = 1;
  SmokeReference reference_;
  std::shared_ptr<const diff::DiffSide> accepted_side_;
  int accepted_step_ = 0;
  std::string accepted_text_;
  int64_t largest_delta_ = 0;
};

}  // namespace

const char* SmokeStatusName(SmokeStatus status) {
  switch (status) {
    case SmokeStatus::kPassed: return "passed";
    case SmokeStatus::kFailed: return "failed";
    case SmokeStatus::kNone: return "none";
  }
  return "none";
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& NotAppliedRules() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kTable = {
      {"SL101", {"IM203"}},  // a toolchain base with a build step: the toolchain ships
      {"SL102", {"IM203"}},  // a toolchain installed and kept
      {"SL401", {"IM204"}},  // debug tools in the shipped image
      {"SL701", {"IM205"}},  // COPY . without .dockerignore: .git and build leftovers ship
  };
  return kTable;
}

std::string TagName(std::string_view context_dir) {
  std::string_view base = context_dir;
  while (base.size() > 1 && base.back() == '/') base.remove_suffix(1);
  if (auto slash = base.rfind('/'); slash != std::string_view::npos) base = base.substr(slash + 1);
  std::string name;
  for (char c : base) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      name += static_cast<char>(std::tolower(u));
    } else if ((c == '-' || c == '_' || c == '.') && !name.empty()) {
      name += c;
    }
  }
  while (!name.empty() && (name.back() == '-' || name.back() == '_' || name.back() == '.')) name.pop_back();
  return name.empty() ? "image" : name.substr(0, 64);
}

Expected<MeasureResult> Measure(const std::string& source, const MeasureOptions& options, Builder& builder,
                                const MeasureProgress& progress) {
  auto workspace = Workspace::Create(options.temp_parent, builder, options.keep);
  if (!workspace) return workspace.error();
  Run run(source, options, builder, progress, *workspace);
  return run.Go();
}

}  // namespace slimage::measure
