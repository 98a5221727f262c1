// What `slimage fix` did to one Dockerfile: the edits applied (byte ranges of the original file,
// in file order, never overlapping), the fixes skipped and why, and the fixed text. The
// renderers (report/fix_text.h, report/fix_json.h) only print this.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace slimage::fix {

struct AppliedEdit {
  std::string rule;
  int line = 1;      // of `offset` in the original file
  int column = 1;    // 1-based, in bytes
  int end_line = 1;  // of offset + length
  size_t offset = 0;
  size_t length = 0;
  std::string replacement;
};

struct SkippedFix {
  std::string rule;
  int line = 1;  // the finding's line
  std::string reason;
};

struct FileFix {
  std::string file;      // display name
  std::string original;  // the file as read
  std::string fixed;     // == original when nothing changed
  bool changed = false;
  std::vector<AppliedEdit> edits;
  std::vector<SkippedFix> skipped;
  int fixed_findings = 0;  // findings the applied edits removed
};

}  // namespace slimage::fix
