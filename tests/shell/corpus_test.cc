// Every shell-form RUN of the shared Dockerfile corpus (541 real Dockerfiles) goes through the
// shell model: nothing may crash, and almost all must parse (the rest are real syntax errors).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "shell/run_analysis.h"
#include "support/run_cli.h"

namespace slimage::shell {
namespace {

// Shell-form RUN texts of a Dockerfile, continuation lines kept (the lexer joins them).
// Simplified reader for this test only: no parser directives, no heredocs, no exec form.
std::vector<std::string> RunTexts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream whole;
  whole << in.rdbuf();
  // Windows images run RUN through PowerShell or cmd, not /bin/sh.
  std::string content = whole.str();
  if (content.find("escape=`") != std::string::npos || content.find("SHELL [") != std::string::npos) return {};
  in.clear();
  in.seekg(0);
  std::vector<std::string> runs;
  std::string line;
  std::string current;
  bool in_run = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!in_run) {
      size_t start = line.find_first_not_of(" \t");
      if (start == std::string::npos || line.size() < start + 4) continue;
      std::string keyword = line.substr(start, 4);
      for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (keyword != "RUN " && keyword != "RUN\t") continue;
      current = line.substr(start + 4);
      in_run = true;
    } else {
      size_t start = line.find_first_not_of(" \t");
      if (start != std::string::npos && line[start] == '#') continue;  // comment lines inside RUN
      current += "\n" + line;
    }
    if (!current.empty() && current.back() == '\\') continue;
    in_run = false;
    // Drop RUN flags (--mount=..., --network=...).
    size_t text = current.find_first_not_of(" \t");
    while (text != std::string::npos && current.compare(text, 2, "--") == 0) {
      size_t end = current.find_first_of(" \t", text);
      text = end == std::string::npos ? end : current.find_first_not_of(" \t", end);
    }
    if (text == std::string::npos) continue;
    std::string run = current.substr(text);
    if (run[0] == '[' || run.find("<<") == 0) continue;
    runs.push_back(run);
  }
  return runs;
}

TEST(ShellCorpus, RealDockerfileRunsParse) {
  std::string dir = slimage::testing::SharedPath("corpus/dockerfiles");
  ASSERT_TRUE(std::filesystem::is_directory(dir));
  int total = 0;
  int failed = 0;
  int installs = 0;
  std::string failures;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    for (const std::string& run : RunTexts(entry.path().string())) {
      ++total;
      auto analysis = AnalyzeRun(run, {});
      if (!analysis.ok()) {
        ++failed;
        if (failed <= 20) failures += entry.path().filename().string() + ": " + analysis.error().message + "\n";
        continue;
      }
      for (const auto& op : analysis->packages) installs += op.action == PackageAction::kInstall;
    }
  }
  std::cout << "RUNs: " << total << ", not parsed: " << failed << ", installs: " << installs << "\n" << failures;
  EXPECT_GT(total, 1000);
  EXPECT_LE(failed * 100, total) << failures;  // at most 1% (real syntax errors)
  EXPECT_GT(installs, 500);
}

}  // namespace
}  // namespace slimage::shell
