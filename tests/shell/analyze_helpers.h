// Helpers for the shell tests: analyse a RUN text that must parse.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shell/run_analysis.h"

namespace slimage::shell::testing {

inline RunAnalysis Analyze(std::string_view text, const Environment& env = {}) {
  auto analysis = AnalyzeRun(text, env);
  EXPECT_TRUE(analysis.ok()) << (analysis.ok() ? "" : analysis.error().message);
  if (!analysis.ok()) return {};
  return std::move(*analysis);
}

// Each command as its argv joined by spaces.
inline std::vector<std::string> CommandLines(const ShellScript& script) {
  std::vector<std::string> lines;
  for (const auto& command : script.commands) {
    std::string line;
    for (const auto& word : command.argv) line += (line.empty() ? "" : " ") + word.value;
    lines.push_back(line);
  }
  return lines;
}

using Strings = std::vector<std::string>;

}  // namespace slimage::shell::testing
