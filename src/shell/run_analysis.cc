#include "shell/run_analysis.h"

#include "shell/tools/recognizers.h"

namespace slimage::shell {

RunAnalysis AnalyzeScript(ShellScript script) {
  RunAnalysis analysis;
  analysis.script = std::move(script);
  using PackageRecognizer = std::optional<PackageOperation> (*)(const ShellCommand&, size_t);
  static constexpr PackageRecognizer kPackageRecognizers[] = {
      RecognizeApt, RecognizeApk, RecognizeRpm, RecognizePip, RecognizeNode, RecognizeRuby, RecognizeGo, RecognizeCargo,
  };
  const auto& commands = analysis.script.commands;
  for (size_t i = 0; i < commands.size(); ++i) {
    const ShellCommand& command = commands[i];
    if (command.argv.empty()) continue;
    for (PackageRecognizer recognize : kPackageRecognizers) {
      if (auto operation = recognize(command, i)) {
        analysis.packages.push_back(std::move(*operation));
        break;
      }
    }
    if (auto operation = RecognizeFileOperation(command, i)) analysis.files.push_back(std::move(*operation));
    if (auto download = RecognizeDownload(command, i)) analysis.downloads.push_back(std::move(*download));
    if (auto extraction = RecognizeExtraction(command, i)) analysis.extractions.push_back(std::move(*extraction));
  }
  return analysis;
}

Expected<RunAnalysis> AnalyzeRun(std::string_view text, const Environment& env) {
  auto script = ParseRunScript(text, env);
  if (!script) return script.error();
  return AnalyzeScript(std::move(*script));
}

RunAnalysis AnalyzeExecForm(const std::vector<std::string>& argv, const Environment& env) {
  return AnalyzeScript(ParseExecForm(argv, env));
}

}  // namespace slimage::shell
