// report/fix_text.cc: what `slimage fix` prints on stderr for people; a file name or a reason
// with control bytes is escaped like every human-readable output (util/display_escape.h); the
// skip reasons quote Dockerfile words already made printable by the fix engine (fix::Printable).
#include "report/fix_report.h"

#include <gtest/gtest.h>

#include <sstream>

namespace slimage::report {
namespace {

std::vector<fix::FileFix> OneFile() {
  fix::FileFix file;
  file.file = "Docker\x1b]0;owned\x07" "file";
  file.changed = true;
  file.fixed_findings = 1;
  file.edits.push_back({"SL301", 3, 1, 3, 40, 0, " && rm -rf /var/lib/apt/lists/*"});
  file.skipped.push_back({"SL602", 7, "the word `a\\x1b` is not where its offsets say"});
  return {file};
}

TEST(FixText, FileNamesAreEscapedInEveryLineAndReasonsAreNotEscapedTwice) {
  std::ostringstream skipped, check, written;
  RenderFixSkipped(OneFile(), skipped);
  RenderFixCheck(OneFile(), check);
  RenderFixWritten(OneFile(), written);
  EXPECT_EQ(skipped.str(), "Docker\\x1b]0;owned\\x07file:7: SL602 not fixed: the word `a\\x1b` is not where its offsets say\n");
  EXPECT_EQ(check.str(), "Docker\\x1b]0;owned\\x07file: would fix SL301 (line 3)\n");
  EXPECT_EQ(written.str(), "Docker\\x1b]0;owned\\x07file: fixed 1 finding\n");
}

}  // namespace
}  // namespace slimage::report
