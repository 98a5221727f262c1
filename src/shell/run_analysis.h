// Entry point for lint rules: a RUN's commands and what they do, computed once.
//   auto analysis = shell::AnalyzeRun(run_text, stage_env);   // shell form or heredoc body
//   for (const auto& op : analysis->packages) if (op.action == PackageAction::kInstall) ...
//   const ShellCommand& cmd = analysis->script.commands[op.command_index];  // offsets, depth
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shell/command_list.h"
#include "shell/operations.h"
#include "shell/word_expander.h"
#include "util/expected.h"

namespace slimage::shell {

struct RunAnalysis {
  ShellScript script;  // every simple command, in source order
  std::vector<PackageOperation> packages;
  std::vector<FileOperation> files;
  std::vector<Download> downloads;
  std::vector<Extraction> extractions;
};

// Shell form text (continuation lines joined or not) or a heredoc body. `env` holds the
// stage's ARG/ENV values that are known; anything else stays unknown, never empty.
Expected<RunAnalysis> AnalyzeRun(std::string_view text, const Environment& env);

// Exec form: the JSON array's strings, not expanded (Docker does not expand them).
RunAnalysis AnalyzeExecForm(const std::vector<std::string>& argv, const Environment& env);

// Recognises the tools in an already flattened script.
RunAnalysis AnalyzeScript(ShellScript script);

}  // namespace slimage::shell
