// A unified diff of a fix, made from its edits (not by diffing texts): each group of edited
// lines is one change with three lines of context, `--- a/PATH` / `+++ b/PATH` headers, and
// `\ No newline at end of file` where a side ends without one. `git apply` and `patch -p1`
// accept it. Empty when there are no edits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fix/edit.h"

namespace slimage::fix {

// `sorted` are non-overlapping edits of `original` (SortEdits); `path` is the file's name as
// the headers show it after a/ and b/.
std::string UnifiedDiff(std::string_view path, std::string_view original, const std::vector<Edit>& sorted);

}  // namespace slimage::fix
