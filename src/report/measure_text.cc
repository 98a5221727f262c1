#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "report/diff_report.h"
#include "report/measure_report.h"
#include "util/display_escape.h"
#include "util/size.h"

namespace slimage::report {
namespace {

std::string Rules(const measure::Step& step) {
  if (step.rules.empty()) return "as written";
  std::string text;
  for (const std::string& rule : step.rules) text += (text.empty() ? "" : ",") + rule;
  return text;
}

std::string Smoke(const measure::Step& step) {
  switch (step.smoke) {
    case measure::SmokeStatus::kPassed:
      return step.smoke_exit_code ? fmt::format("passed (exit {})", *step.smoke_exit_code) : "passed";
    case measure::SmokeStatus::kFailed: return "FAILED";
    case measure::SmokeStatus::kNone: return "-";
  }
  return "-";
}

// The diff's first lines: totals, layers and the largest path changes, up to its first blank
// line after the path groups.
void DiffTop(const measure::MeasureResult& result, std::ostream& out) {
  const measure::LargestStep& largest = *result.largest;
  out << fmt::format("\nLargest saving: step {} ({}), against step {}\n", largest.step,
                     Rules(result.steps[static_cast<size_t>(largest.step)]), largest.against);
  std::ostringstream diff;
  RenderDiffText(*largest.before, *largest.after, largest.diff, diff);
  // The first two lines name the images by tag, which is removed: the step numbers say it.
  std::string text = diff.str();
  for (int skip = 0; skip < 3; ++skip) text.erase(0, text.find('\n') + 1);
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << (line.empty() ? "" : "  ") << line << "\n";
}

}  // namespace

void RenderMeasureText(const measure::MeasureResult& result, std::ostream& out) {
  const std::string smoke =
      result.smoke_default ? "the image's own entrypoint/cmd" : fmt::format("'{}'", EscapeForDisplay(result.smoke));
  out << fmt::format("slimage measure {}  (builder: {}, smoke: {})\n\n", EscapeForDisplay(result.dockerfile),
                     result.builder, smoke);
  out << fmt::format("  {:>4}  {:<12}  {:>10}  {:>10}  {:>6}  {:>10}  {}\n", "STEP", "FIX", "SIZE", "COMPRESSED",
                     "LAYERS", "DELTA", "SMOKE");
  for (const measure::Step& step : result.steps) {
    const bool built = !step.image.empty();
    std::string delta = step.step == 0 ? "" : FormatSignedSize(step.delta);
    if (!built) delta = "";
    out << fmt::format("  {:>4}  {:<12}  {:>10}  {:>10}  {:>6}  {:>10}  {}\n", step.step, Rules(step),
                       built ? FormatSize(step.size) : "-", built ? FormatSize(step.compressed_size) : "-",
                       built ? std::to_string(step.layers) : "-", delta, Smoke(step));
    if (!step.smoke_problem.empty()) out << fmt::format("{:>8}{}\n", "", step.smoke_problem);
    if (step.unchanged) out << fmt::format("{:>8}{}\n", "", "no change: with the earlier fixes applied, this one has nothing left to do");
  }
  const std::string saved = result.saved >= 0 ? FormatSize(static_cast<uint64_t>(result.saved))
                                              : FormatSignedSize(-result.saved) + " (larger)";
  out << fmt::format("\nTotal saved: {} ({:.1f}%): {} -> {}\n", saved, result.saved_percent,
                     FormatSize(result.size_before), FormatSize(result.size_after));
  if (!result.rejected.empty()) {
    out << "\nNot kept:\n";
    for (const measure::RejectedFix& fix : result.rejected) {
      out << fmt::format("  {}: {}\n", fix.rule, EscapeForDisplay(fix.reason));
    }
  }
  if (!result.not_applied.empty()) {
    out << "\nNot applied (no automatic fix), measured in the last image:\n";
    for (const measure::NotApplied& row : result.not_applied) {
      std::string rules;
      for (const std::string& rule : row.image_rules) rules += (rules.empty() ? "" : ", ") + rule;
      out << fmt::format("  {} line {}: {} in the image ({})\n      {}\n", row.rule, row.line, FormatSize(row.bytes), rules,
                         EscapeForDisplay(row.message));
    }
  }
  if (result.largest) DiffTop(result, out);
}

}  // namespace slimage::report
