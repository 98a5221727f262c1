// `slimage completion SHELL` and `slimage manpage`, run for real: bash and fish are asked for
// completions of partial command lines; zsh parses its script; groff renders the man page.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

std::string Capture(const std::string& command) {
  std::string output;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return output;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0) output.append(buffer.data(), n);
  return output;
}

size_t Lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

bool HaveShell(const char* shell) { return std::filesystem::exists(std::string("/usr/bin/") + shell); }

std::string WriteScript(const std::string& shell) {
  CliResult result = RunCli({"completion", shell});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const std::string path = ::testing::TempDir() + "slimage-completion." + shell;
  std::ofstream(path) << result.out;
  return path;
}

// Completions bash offers for the words of `line` (the last word is the one being completed;
// a trailing space starts a new, empty one), as bash's programmable completion would call it.
std::string BashComplete(const std::string& script, const std::string& line) {
  const std::string driver = ::testing::TempDir() + "slimage-complete-driver.sh";
  std::ofstream(driver) << "source '" << script << "'\n"
                        << "read -ra COMP_WORDS <<< \"$1\"\n"
                        << "[[ $1 == *' ' ]] && COMP_WORDS+=('')\n"
                        << "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                        << "_slimage\n"
                        << "[[ ${#COMPREPLY[@]} -gt 0 ]] && printf '%s\\n' \"${COMPREPLY[@]}\"\n";
  return Capture("bash " + driver + " \"" + line + "\" 2>&1");
}

TEST(Completion, BashCompletesSubcommandsOptionsAndChoices) {
  ASSERT_TRUE(HaveShell("bash"));
  const std::string script = WriteScript("bash");
  EXPECT_EQ(BashComplete(script, "slimage li"), "lint\n");
  EXPECT_EQ(BashComplete(script, "slimage an"), "analyze\n");
  EXPECT_EQ(BashComplete(script, "slimage lint --fo"), "--format\n");
  EXPECT_EQ(BashComplete(script, "slimage lint --format s"), "sarif\n");
  EXPECT_EQ(BashComplete(script, "slimage lint --fail-on w"), "warning\n");
  EXPECT_EQ(BashComplete(script, "slimage completion z"), "zsh\n");  // a positional's choices
}

TEST(Completion, FishCompletesSubcommandsOptionsAndChoices) {
  if (!HaveShell("fish")) GTEST_SKIP() << "fish is not installed (scripts/install-deps.sh installs it)";
  const std::string script = WriteScript("fish");
  auto complete = [&](const std::string& line) {
    return Capture("fish --no-config -c 'source " + script + "; complete -C\"" + line + "\"' 2>&1");
  };
  EXPECT_EQ(complete("slimage li").rfind("lint\t", 0), 0u) << complete("slimage li");
  EXPECT_NE(complete("slimage lint --fo").find("--format\t"), std::string::npos) << complete("slimage lint --fo");
  // fish prints each value with the option's description after a tab
  EXPECT_EQ(complete("slimage lint --format s").rfind("sarif\t", 0), 0u) << complete("slimage lint --format s");
  EXPECT_EQ(Lines(complete("slimage lint --format s")), 1u);
}

TEST(Completion, ZshScriptParsesAndNamesEveryCommand) {
  if (!HaveShell("zsh")) GTEST_SKIP() << "zsh is not installed (scripts/install-deps.sh installs it)";
  const std::string script = WriteScript("zsh");
  EXPECT_EQ(Capture("zsh -n " + script + " 2>&1; echo rc=$?"), "rc=0\n");
  const std::string text = ReadFileBytes(script);
  EXPECT_EQ(text.rfind("#compdef slimage\n", 0), 0u);
  for (const char* entry : {"'lint:", "'analyze:", "'--format[Output format\\: text, json, sarif, github or gitlab]:TEXT:(text json sarif github gitlab)'"}) {
    EXPECT_NE(text.find(entry), std::string::npos) << entry;
  }
}

TEST(Completion, UnknownShellIsUsageErrorExit2) {
  CliResult result = RunCli({"completion", "tcsh"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("tcsh"), std::string::npos) << result.err;
}

TEST(ManPage, GroffRendersItWithoutWarningsAndItListsEveryCommand) {
  CliResult result = RunCli({"manpage"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string path = ::testing::TempDir() + "slimage.1";
  std::ofstream(path) << result.out;
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/groff"));
  EXPECT_EQ(Capture("groff -man -Tutf8 -ww -z " + path + " 2>&1"), "");
  const std::string text = Capture("groff -man -Tascii " + path + " 2>/dev/null | col -b");
  for (const char* words : {"slimage lint [OPTIONS] [FILE...]", "--format text|json|sarif|github|gitlab", "EXIT STATUS",
                            "slimage analyze", "DOCKER_HOST"}) {
    EXPECT_NE(text.find(words), std::string::npos) << words << "\n" << text;
  }
}

}  // namespace
}  // namespace slimage::testing
