#include <fmt/format.h>

#include "report/fix_report.h"

namespace slimage::report {

void RenderFixSkipped(const std::vector<fix::FileFix>& files, std::ostream& out) {
  for (const fix::FileFix& file : files) {
    for (const fix::SkippedFix& skip : file.skipped) {
      out << fmt::format("{}:{}: {} not fixed: {}\n", file.file, skip.line, skip.rule, skip.reason);
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
    out << fmt::format("{}: would fix {}\n", file.file, list);
  }
}

void RenderFixWritten(const std::vector<fix::FileFix>& files, std::ostream& out) {
  for (const fix::FileFix& file : files) {
    if (file.changed) {
      out << fmt::format("{}: fixed {} finding{}\n", file.file, file.fixed_findings, file.fixed_findings == 1 ? "" : "s");
    }
  }
}

}  // namespace slimage::report
