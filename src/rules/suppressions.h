// Ignore pragmas in a Dockerfile's comments (rules.md "Ignoring"):
//   # slimage ignore=SL301,SL303          the next instruction (comment lines between are fine)
//   # slimage global ignore=SL601         the whole file
//   # hadolint ignore=DL3009 / # hadolint global ignore=DL3009
//                                         the same, for the slimage rules mapped to those codes
// Comments are not in BuildKit's tree, so the source lines are scanned; heredoc bodies are file
// content, not comments, and are skipped.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/parser.h"
#include "rules/finding.h"

namespace slimage::rules {

struct Suppressions {
  struct Range {
    int first_line = 0;  // the instruction's lines, heredoc bodies included
    int last_line = 0;
    std::set<std::string, std::less<>> rules;
  };
  std::set<std::string, std::less<>> global;
  std::vector<Range> ranges;

  bool Suppresses(const Finding& finding) const;
};

Suppressions ReadSuppressions(std::string_view source, const dockerfile::ParseResult& parse);

}  // namespace slimage::rules
