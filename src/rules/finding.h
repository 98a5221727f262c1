// One lint finding: what `slimage lint` reports for a Dockerfile, whatever the rule. Rules fill
// these; the lint renderers (report/lint_text.h, report/lint_json.h) only print them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/severity.h"

namespace slimage::rules {

struct Finding {
  std::string rule;  // "SL000", "SL301", ...
  Severity severity = Severity::kWarning;
  int line = 1;      // 1-based, of the instruction or of the offending word
  int column = 1;    // 1-based, in bytes
  int end_line = 1;
  std::string stage;  // the stage's name, or its index as text; empty when not in a stage
  std::string message;
  bool fixable = false;
  std::string source_line;  // the text of `line`, for the caret display (set by the lint runner)
  // A finding about several instructions (SL601's group of RUNs): the line of the last one. An
  // ignore pragma on any instruction from `line` to here suppresses it. Not printed.
  int group_last_line = 0;
  // The line of the other instruction the message names (0: none): the layer that still holds
  // the bytes (SL302), the instruction that wrote the files (SL602). slimage fix reads it. Not printed.
  int related_line = 0;
};

// SL000: the Dockerfile does not parse, or BuildKit would reject one of its instructions.
inline constexpr std::string_view kParseErrorRule = "SL000";

}  // namespace slimage::rules
