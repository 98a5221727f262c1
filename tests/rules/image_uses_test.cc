// What an image uses of its programs (SL401's exemptions): runners, script scans, and the names a
// Dockerfile's HEALTHCHECK/ENTRYPOINT/CMD and the scripts they run give.
#include "rules/image_uses.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "shell/command_list.h"
#include "support/parsed_dockerfile.h"

namespace slimage::rules {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Programs(std::string_view text) {
  Expected<shell::ShellScript> script = shell::ParseRunScript(text, shell::Environment{});
  EXPECT_TRUE(script.ok()) << text;
  if (!script || script->commands.empty()) return {};
  return ProgramsOf(script->commands.front());
}

TEST(ImageUsesTest, ProgramsOfFollowsRunners) {
  EXPECT_EQ(Programs("curl -f localhost"), std::vector<std::string>{"curl"});
  EXPECT_EQ(Programs("gosu app git pull"), (std::vector<std::string>{"gosu", "git"}));
  EXPECT_EQ(Programs("/sbin/tini -s -- /entrypoint.sh run"), (std::vector<std::string>{"/sbin/tini", "/entrypoint.sh"}));
  EXPECT_EQ(Programs("ionice -c 3 nc -z db 5432"), (std::vector<std::string>{"ionice", "nc"}));
  EXPECT_EQ(Programs("timeout -s KILL 5 nc -z db 5432"), (std::vector<std::string>{"nc"}));  // the shell model peels it
  EXPECT_EQ(Programs("su-exec app:app tini -- ping db"), (std::vector<std::string>{"su-exec", "tini", "ping"}));
}

TEST(ImageUsesTest, ScriptsOfIncludesTheShellsOperand) {
  Expected<shell::ShellScript> script = shell::ParseRunScript("bash -e /usr/local/bin/check.sh", shell::Environment{});
  ASSERT_TRUE(script.ok());
  EXPECT_EQ(ScriptsOf(script->commands.at(0)), (std::vector<std::string>{"bash", "/usr/local/bin/check.sh"}));
}

TEST(ImageUsesTest, ScriptProgramsAreCommandWordsOnly) {
  std::vector<std::string> programs = ScriptPrograms("#!/bin/sh\necho curl\nif wget -q x; then exit 0; fi\n");
  EXPECT_EQ(programs, (std::vector<std::string>{"echo", "wget", "exit"}));
}

TEST(ImageUsesTest, ScriptProgramsScansWhatTheShellModelCannotParse) {
  // An unterminated quote: the shell model gives up, the scan still finds the first words.
  std::string text = "#!/bin/bash\n# curl in a comment\nA=1 pgrep -f app && dig @127.0.0.1 x\nfor x in a; do ps aux; done\necho \"unterminated\n";
  ASSERT_FALSE(shell::ParseRunScript(text, shell::Environment{}).ok());
  std::vector<std::string> programs = ScriptPrograms(text);
  std::set<std::string> names(programs.begin(), programs.end());
  EXPECT_TRUE(names.count("pgrep"));
  EXPECT_TRUE(names.count("dig"));
  EXPECT_TRUE(names.count("ps"));
  EXPECT_FALSE(names.count("curl"));
  EXPECT_FALSE(names.count("A=1"));
  EXPECT_FALSE(names.count("for"));
}

struct Linted {
  std::unique_ptr<testing::ParsedDockerfile> parsed;
  LintSettings settings;
  std::unique_ptr<LintContext> context;
};

Linted Context(std::string_view text, std::string context_dir = "") {
  Linted linted;
  linted.parsed = testing::ParseText(text);
  linted.settings.context_dir = std::move(context_dir);
  linted.context = std::make_unique<LintContext>(
      LintContext{"Dockerfile", text, linted.parsed->parse, linted.parsed->model.model, linted.settings});
  return linted;
}

TEST(ImageUsesTest, RuntimeNamesCoverEveryFormAndTheScriptsRun) {
  fs::path context = fs::temp_directory_path() / "slimage_image_uses_test";
  fs::remove_all(context);
  fs::create_directories(context / "bin");
  std::ofstream(context / "bin" / "start") << "#!/bin/sh\nnc -z db 5432 && exec /app\n";
  std::ofstream(context / "check.sh") << "#!/bin/sh\n. /lib.sh\n";
  std::ofstream(context / "lib.sh") << "pgrep app\n";
  Linted linted = Context(
      "FROM debian:12 AS base\nHEALTHCHECK CMD [\"dig\", \"x\"]\nFROM base\nCOPY bin/ /usr/local/bin/\n"
      "COPY check.sh lib.sh /\nENTRYPOINT [\"tini\", \"--\"]\nCMD start --editor vim\n"
      "HEALTHCHECK CMD sh /check.sh\n",
      context.string());
  std::set<std::string> names = RuntimeNames(*linted.context);
  for (std::string_view name : {"dig", "tini", "start", "vim", "nc", "pgrep", "sh"}) {
    EXPECT_TRUE(names.count(std::string(name))) << name;
  }
  EXPECT_FALSE(names.count("curl"));
  fs::remove_all(context);
}

TEST(ImageUsesTest, RuntimeNamesOfAStageThatDoesNotShipAreNotCounted) {
  Linted linted = Context("FROM debian:12 AS debug\nCMD [\"strace\", \"/app\"]\nFROM debian:12\nCMD [\"/app\"]\n");
  std::set<std::string> names = RuntimeNames(*linted.context);
  EXPECT_FALSE(names.count("strace"));
  EXPECT_TRUE(names.count("app"));
}

TEST(ImageUsesTest, CopiedScriptReadsAHeredocCopy) {
  Linted linted = Context("FROM alpine:3.20\nCOPY <<EOF /usr/local/bin/hc\nwget -qO- localhost\nEOF\nRUN true\n");
  const dockerfile::Stage& stage = linted.parsed->model.model.stages.at(0);
  EXPECT_EQ(CopiedScript(*linted.context, stage, stage.instructions.size(), "/", "hc"), "wget -qO- localhost\n");
  EXPECT_EQ(CopiedScript(*linted.context, stage, 0, "/", "hc"), std::nullopt);  // not written yet
}

}  // namespace
}  // namespace slimage::rules
