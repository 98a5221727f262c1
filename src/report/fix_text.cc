#include <fmt/format.h>

#include "report/fix_report.h"
#include "util/display_escape.h"

namespace slimage::report {

void RenderFixSkipped(const std::vector<fix::FileFix>& files, std::ostream& out) {
  for (const fix::FileFix& file : files) {
    for (const fix::SkippedFix& skip : file.skipped) {
      // The reason quotes Dockerfile words already made printable by the engine (fix::Printable).
      out << fmt::format("{}:{}: {} not fixed: {}\n", EscapeForDisplay(file.file), skip.line, skip.rule,
                         skip.reason);
    }
  }
}

void RenderFixCheck(const std::vector<fix::FileFix>& files, std::ostream& out) {
  for (const fix::FileFix& file : files) {
    if (!file.changed) continue;
    std::string list;
    std::string last;
    for (const fix::AppliedEdit& edit : file.edits) {
      std::string item = fmt::format("{} (line {})", edit.rule, edit.line);
      if (item == last) continue;
      list += (list.empty() ? "" : ", ") + item;
      last = item;
    }
    out << fmt::format("{}: would fix {}\n", EscapeForDisplay(file.file), list);
  }
}

void RenderFixWritten(const std::vector<fix::FileFix>& files, std::ostream& out) {
  for (const fix::FileFix& file : files) {
    if (file.changed) {
      out << fmt::format("{}: fixed {} finding{}\n", EscapeForDisplay(file.file), file.fixed_findings, file.fixed_findings == 1 ? "" : "s");
    }
  }
}

}  // namespace slimage::report
