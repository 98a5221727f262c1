#include "shell/command_list.h"

#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::CommandLines;
using testing::Strings;

ShellScript Parse(std::string_view text, const Environment& env = {}) {
  auto script = ParseRunScript(text, env);
  EXPECT_TRUE(script.ok()) << (script.ok() ? "" : script.error().message);
  return script.ok() ? std::move(*script) : ShellScript{};
}

TEST(ParseRunScript, FlattensListsInSourceOrderWithConnectors) {
  ShellScript script = Parse("apt-get update && apt-get install -y curl || true; ls | wc -l & echo done");
  EXPECT_EQ(CommandLines(script),
            (Strings{"apt-get update", "apt-get install -y curl", "true", "ls", "wc -l", "echo done"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].connector, Connector::kAnd);
  EXPECT_EQ(c[1].connector, Connector::kOr);
  EXPECT_EQ(c[2].connector, Connector::kSequence);
  EXPECT_TRUE(c[2].conditional);  // runs only when the install failed
  EXPECT_EQ(c[3].connector, Connector::kPipe);
  EXPECT_EQ(c[4].connector, Connector::kBackground);
  EXPECT_TRUE(c[4].background);
  EXPECT_EQ(c[5].connector, Connector::kEnd);
}

TEST(ParseRunScript, OffsetsPointIntoTheText) {
  std::string text = "apt-get update \\\n && rm -rf /var/lib/apt/lists/*";
  ShellScript script = Parse(text);
  ASSERT_EQ(script.commands.size(), 2u);
  const ShellCommand& rm = script.commands[1];
  EXPECT_EQ(text.substr(rm.begin, rm.end - rm.begin), "rm -rf /var/lib/apt/lists/*");
  EXPECT_EQ(text.substr(rm.argv[2].begin, rm.argv[2].end - rm.argv[2].begin), "/var/lib/apt/lists/*");
  EXPECT_EQ(rm.argv[2].value, "/var/lib/apt/lists/*");  // globs are not expanded
}

TEST(ParseRunScript, QuotedTextIsNotACommand) {
  ShellScript script = Parse("echo \"apt-get install x\" 'rm -rf /' && printf '%s' \"a && b\"");
  EXPECT_EQ(CommandLines(script), (Strings{"echo apt-get install x rm -rf /", "printf %s a && b"}));
}

TEST(ParseRunScript, CompoundCommandsAndContext) {
  ShellScript script = Parse(
      "if [ -f x ]; then rm -rf /var/lib/apt/lists/*; fi\n"
      "for f in a b; do chmod +x $f; done\n"
      "(cd /src && make) ; { echo a; echo b; }\n"
      "case \"$1\" in build) make;; esac");
  EXPECT_EQ(CommandLines(script), (Strings{"[ -f x ]", "rm -rf /var/lib/apt/lists/*", "chmod +x $f", "cd /src", "make",
                                           "echo a", "echo b", "make"}));
  const auto& c = script.commands;
  EXPECT_TRUE(c[0].in_condition);
  EXPECT_FALSE(c[0].conditional);
  EXPECT_TRUE(c[1].conditional);
  EXPECT_FALSE(c[1].in_condition);
  EXPECT_TRUE(c[2].conditional);
  EXPECT_EQ(c[2].argv[2].value, "$f");  // the loop variable is unknown, not empty
  EXPECT_FALSE(c[2].argv[2].known());
  EXPECT_TRUE(c[3].in_subshell);
  EXPECT_FALSE(c[5].in_subshell);
  EXPECT_FALSE(c[5].conditional);
  EXPECT_TRUE(c[7].conditional);
}

TEST(ParseRunScript, EachSubshellPipelineElementAndShCHasItsOwnShell) {
  ShellScript script = Parse("cd /a && (cd /b; ls) && cat x | grep y; sh -c 'cd /c'; ls");
  ASSERT_EQ(script.commands.size(), 8u);
  std::vector<size_t> ids;
  for (const ShellCommand& command : script.commands) ids.push_back(command.shell_id);
  EXPECT_EQ(ids, (std::vector<size_t>{0, 1, 1, 2, 3, 0, 4, 0}));
  EXPECT_EQ(script.shell_parents, (std::vector<size_t>{0, 0, 0, 0, 0}));
  ShellScript nested = Parse("(cd /a && (ls | wc -l))");
  ASSERT_EQ(nested.commands.size(), 3u);
  EXPECT_EQ(nested.commands[2].shell_id, 4u);
  EXPECT_EQ(nested.shell_parents, (std::vector<size_t>{0, 0, 1, 2, 2}));
}

TEST(ParseRunScript, VariablesFromEnvironmentAndEarlierAssignments) {
  Environment env;
  env.Set("PKGS", "git vim");
  ShellScript script = Parse(
      "apt-get install -y $PKGS && V=1.2 && export DIR=/opt/app EXTRA=\"$PKGS curl\" && "
      "echo $V $DIR $EXTRA $UNKNOWN",
      env);
  ASSERT_EQ(script.commands.size(), 4u);
  EXPECT_EQ(CommandLines(script)[0], "apt-get install -y git vim");
  EXPECT_TRUE(script.commands[1].argv.empty());
  EXPECT_EQ(script.commands[1].assignments, (std::vector<std::pair<std::string, std::string>>{{"V", "1.2"}}));
  EXPECT_EQ(CommandLines(script)[3], "echo 1.2 /opt/app git vim curl $UNKNOWN");
  EXPECT_EQ(script.commands[3].argv.back().unknown_variables, Strings{"UNKNOWN"});
}

TEST(ParseRunScript, VariablesSetByTheRunAreListed) {
  ShellScript script = Parse(
      "export PIP_NO_CACHE_DIR=1 && pip install a && X=$(date) && export X && unset Y && pip install b");
  ASSERT_EQ(script.variables.size(), 4u);
  EXPECT_EQ(script.variables[0].name, "PIP_NO_CACHE_DIR");
  EXPECT_EQ(script.variables[0].value, "1");
  EXPECT_TRUE(script.variables[0].exported);
  EXPECT_EQ(script.variables[0].command_index, 0u);
  EXPECT_EQ(script.variables[1].name, "X");
  EXPECT_FALSE(script.variables[1].value.has_value());
  EXPECT_FALSE(script.variables[1].exported);
  EXPECT_TRUE(script.variables[2].exported);
  EXPECT_EQ(script.variables[3].value, "");
  const VariableAssignment* before_pip = script.LastAssignmentBefore("PIP_NO_CACHE_DIR", 1);
  ASSERT_NE(before_pip, nullptr);
  EXPECT_EQ(before_pip->value, "1");
  EXPECT_EQ(script.LastAssignmentBefore("PIP_NO_CACHE_DIR", 0), nullptr);
  EXPECT_EQ(script.LastAssignmentBefore("Z", 6), nullptr);
}

TEST(ParseRunScript, PrefixAssignmentsApplyToOneCommandOnly) {
  ShellScript script = Parse("DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata && echo $DEBIAN_FRONTEND");
  ASSERT_EQ(script.commands.size(), 2u);
  EXPECT_EQ(script.commands[0].name(), "apt-get");
  EXPECT_EQ(script.commands[0].assignments,
            (std::vector<std::pair<std::string, std::string>>{{"DEBIAN_FRONTEND", "noninteractive"}}));
  EXPECT_EQ(script.commands[1].argv[1].value, "$DEBIAN_FRONTEND");
}

TEST(ParseRunScript, CommandSubstitutionMakesAVariableUnknown) {
  Environment env;
  env.Set("ARCH", "amd64");
  ShellScript script = Parse("ARCH=$(dpkg --print-architecture) && curl -o x https://e.com/$ARCH/x", env);
  ASSERT_EQ(script.commands.size(), 2u);
  EXPECT_EQ(script.commands[1].argv[3].value, "https://e.com/$ARCH/x");
  EXPECT_FALSE(script.commands[1].argv[3].known());
}

TEST(ParseRunScript, SubshellAssignmentsDoNotLeak) {
  ShellScript script = Parse("(X=in) && echo $X");
  EXPECT_EQ(CommandLines(script).back(), "echo $X");
}

TEST(ParseRunScript, WrappersArePeeled) {
  ShellScript script = Parse(
      "sudo -E -u root apt-get install -y x && env -i PATH=/bin FOO=1 pip install y && "
      "xargs -r -n 1 apt-get install -y < pkgs && exec nginx -g 'daemon off;' && nohup time command ls");
  EXPECT_EQ(CommandLines(script), (Strings{"apt-get install -y x", "pip install y", "apt-get install -y",
                                           "nginx -g daemon off;", "ls"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].wrappers, Strings{"sudo"});
  EXPECT_EQ(c[1].wrappers, Strings{"env"});
  EXPECT_EQ(c[1].assignments, (std::vector<std::pair<std::string, std::string>>{{"PATH", "/bin"}, {"FOO", "1"}}));
  EXPECT_EQ(c[2].wrappers, Strings{"xargs"});
  EXPECT_TRUE(c[2].args_from_stdin);
  ASSERT_EQ(c[2].redirects.size(), 1u);
  EXPECT_EQ(c[2].redirects[0].target, "pkgs");
  EXPECT_EQ(c[3].wrappers, Strings{"exec"});
  EXPECT_EQ(c[4].wrappers, (Strings{"nohup", "time", "command"}));
}

TEST(ParseRunScript, WrapperWithoutCommandIsKept) {
  ShellScript script = Parse("sudo -l && env");
  EXPECT_EQ(CommandLines(script), (Strings{"sudo -l", "env"}));
  EXPECT_TRUE(script.commands[0].wrappers.empty());
}

TEST(ParseRunScript, ShDashCIsParsedOneLevelDeeper) {
  std::string text = "sh -c 'apt-get update && apt-get install -y x' && bash -ec \"pip install $PKG\"";
  Environment env;
  env.Set("PKG", "flask");
  ShellScript script = Parse(text, env);
  EXPECT_EQ(CommandLines(script),
            (Strings{"sh -c apt-get update && apt-get install -y x", "apt-get update", "apt-get install -y x",
                     "bash -ec pip install flask", "pip install flask"}));
  const auto& c = script.commands;
  EXPECT_EQ(c[0].depth, 0);
  EXPECT_EQ(c[1].depth, 1);
  EXPECT_EQ(c[2].depth, 1);
  EXPECT_EQ(c[1].connector, Connector::kAnd);
  // Single-quoted script: offsets map exactly into the RUN text.
  EXPECT_EQ(text.substr(c[2].begin, c[2].end - c[2].begin), "apt-get install -y x");
  // Expanded double-quoted script: offsets cover the whole script word.
  EXPECT_EQ(text.substr(c[4].begin, c[4].end - c[4].begin), "\"pip install $PKG\"");
}

TEST(ParseRunScript, ShWithScriptFileIsNotNested) {
  ShellScript script = Parse("sh ./install.sh && bash -x setup.sh");
  EXPECT_EQ(script.commands.size(), 2u);
}

TEST(ParseRunScript, ShReadingAHeredocParsesTheBody) {
  std::string text = "bash <<'EOF'\napt-get update\nrm -rf /var/lib/apt/lists/*\nEOF\necho after";
  ShellScript script = Parse(text);
  EXPECT_EQ(CommandLines(script),
            (Strings{"bash", "apt-get update", "rm -rf /var/lib/apt/lists/*", "echo after"}));
  EXPECT_EQ(script.commands[2].depth, 1);
  EXPECT_EQ(text.substr(script.commands[2].begin, script.commands[2].end - script.commands[2].begin),
            "rm -rf /var/lib/apt/lists/*");
}

TEST(ParseRunScript, CatHeredocBodyIsData) {
  ShellScript script = Parse("cat > /etc/apt/apt.conf.d/99norecommends <<EOF\nAPT::Install-Recommends \"false\";\nEOF");
  EXPECT_EQ(CommandLines(script), Strings{"cat"});
}

TEST(ParseRunScript, HeredocRedirectionOffsetsPointIntoTheText) {
  std::string text = "sh -c 'cat <<EOF > /etc/x.conf\nkey=1\nEOF\n'";
  ShellScript script = Parse(text);
  ASSERT_EQ(script.commands.size(), 2u);
  const ShellCommand& cat = script.commands[1];
  ASSERT_EQ(cat.redirects.size(), 2u);
  EXPECT_EQ(cat.redirects[0].op, "<<");
  EXPECT_EQ(cat.redirects[0].target, "EOF");
  EXPECT_EQ(text.substr(cat.redirects[0].heredoc_begin, cat.redirects[0].heredoc_end - cat.redirects[0].heredoc_begin),
            "key=1\n");
  EXPECT_EQ(cat.redirects[1].target, "/etc/x.conf");
}

TEST(ParseRunScript, SetOptions) {
  ShellScript script = Parse("set -eux && set -o pipefail && set +x");
  EXPECT_TRUE(script.options.errexit);
  EXPECT_TRUE(script.options.nounset);
  EXPECT_FALSE(script.options.xtrace);
  EXPECT_TRUE(script.options.pipefail);
  ShellScript bundled = Parse("set -euxo pipefail; true");
  EXPECT_TRUE(bundled.options.pipefail);
  EXPECT_TRUE(bundled.options.xtrace);
}

TEST(ParseRunScript, HeredocBodyAsRunScript) {
  // RUN <<EOF ... EOF: the caller passes the body.
  ShellScript script = Parse("set -e\napt-get update\napt-get install -y \\\n  curl\n");
  EXPECT_EQ(CommandLines(script), (Strings{"set -e", "apt-get update", "apt-get install -y curl"}));
  EXPECT_EQ(script.commands[1].connector, Connector::kSequence);
}

TEST(ParseRunScript, ErrorsAreClean) {
  auto quote = ParseRunScript("echo 'oops", {});
  ASSERT_FALSE(quote.ok());
  EXPECT_EQ(quote.error().message, "unterminated single quote at offset 5");
}

TEST(ParseRunScript, NestedShDepthIsCapped) {
  std::string text = "sh -c 'sh -c \"sh -c \\\"sh -c \\\\\\\"sh -c ls\\\\\\\"\\\"\"'";
  auto script = ParseRunScript(text, {});
  ASSERT_TRUE(script.ok()) << script.error().message;
  int deepest = 0;
  for (const auto& command : script->commands) deepest = std::max(deepest, command.depth);
  EXPECT_EQ(deepest, kMaxShellCDepth);
}

TEST(ParseExecForm, ArgvIsTakenAsIs) {
  Environment env;
  env.Set("X", "1");
  ShellScript script = ParseExecForm({"apt-get", "install", "-y", "$X"}, env);
  EXPECT_EQ(CommandLines(script), Strings{"apt-get install -y $X"});
  ShellScript nested = ParseExecForm({"/bin/sh", "-c", "apt-get update && apt-get install -y $X"}, env);
  EXPECT_EQ(CommandLines(nested), (Strings{"/bin/sh -c apt-get update && apt-get install -y $X", "apt-get update",
                                           "apt-get install -y 1"}));
  EXPECT_EQ(nested.commands[2].depth, 1);
}

}  // namespace
}  // namespace slimage::shell
