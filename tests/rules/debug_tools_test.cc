#include "rules/debug_tools.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace slimage::rules {
namespace {

bool Provides(std::string_view package, std::string_view command) {
  std::vector<std::string_view> commands = ToolCommands(package);
  return std::find(commands.begin(), commands.end(), command) != commands.end();
}

TEST(DebugToolsTest, ListedTools) {
  EXPECT_TRUE(IsDebugTool("vim"));
  EXPECT_TRUE(IsDebugTool("emacs-nox"));
  EXPECT_TRUE(IsDebugTool("bind-tools"));
  EXPECT_FALSE(IsDebugTool("curl"));  // reported by SL401 on its own terms
  EXPECT_FALSE(IsDebugTool("ca-certificates"));
}

TEST(DebugToolsTest, PackagesMapToTheirCommands) {
  EXPECT_TRUE(Provides("dnsutils", "dig"));
  EXPECT_TRUE(Provides("bind-tools", "nslookup"));
  EXPECT_TRUE(Provides("net-tools", "netstat"));
  EXPECT_TRUE(Provides("iputils-ping", "ping"));
  EXPECT_TRUE(Provides("procps", "pgrep"));
  EXPECT_TRUE(Provides("procps-ng", "ps"));
  EXPECT_TRUE(Provides("netcat-openbsd", "nc"));
  EXPECT_TRUE(Provides("emacs-nox", "emacs"));
  EXPECT_TRUE(Provides("git", "git"));  // most packages: a command of their own name
  EXPECT_FALSE(Provides("dnsutils", "dnsutils"));
  EXPECT_FALSE(Provides("procps", "kill"));  // the shell's builtin, not procps'
}

}  // namespace
}  // namespace slimage::rules
