#include <gtest/gtest.h>

#include "shell/analyze_helpers.h"

namespace slimage::shell {
namespace {

using testing::Analyze;
using testing::Strings;

TEST(PipRecognizer, RequirementsFile) {
  auto analysis = Analyze("pip install -r req.txt");
  ASSERT_EQ(analysis.packages.size(), 1u);
  const auto& op = analysis.packages[0];
  EXPECT_EQ(op.manager, PackageManager::kPip);
  EXPECT_EQ(op.action, PackageAction::kInstall);
  EXPECT_TRUE(op.packages.empty());
  EXPECT_EQ(op.requirement_files, Strings{"req.txt"});
  EXPECT_FALSE(op.HasOption({"--no-cache-dir"}));
}

TEST(PipRecognizer, SpellingsOfPip) {
  auto analysis = Analyze(
      "pip3 install --no-cache-dir -U flask && python -m pip install x && python3 -u -m pip install y && "
      "python3.12 -mpip install z && uv pip install --system w && /usr/local/bin/pip3.11 uninstall -y v");
  ASSERT_EQ(analysis.packages.size(), 6u);
  EXPECT_EQ(analysis.packages[0].tool, "pip3");
  EXPECT_EQ(analysis.packages[0].packages, Strings{"flask"});
  EXPECT_TRUE(analysis.packages[0].HasOption({"--no-cache-dir"}));
  EXPECT_EQ(analysis.packages[1].tool, "python -m pip");
  EXPECT_EQ(analysis.packages[1].packages, Strings{"x"});
  EXPECT_EQ(analysis.packages[2].tool, "python3 -m pip");
  EXPECT_EQ(analysis.packages[2].packages, Strings{"y"});
  EXPECT_EQ(analysis.packages[3].packages, Strings{"z"});
  EXPECT_EQ(analysis.packages[4].tool, "uv pip");
  EXPECT_EQ(analysis.packages[4].packages, Strings{"w"});
  EXPECT_EQ(analysis.packages[5].action, PackageAction::kRemove);
}

TEST(PipRecognizer, OptionValuesAreNotPackages) {
  auto analysis = Analyze("pip install -i https://mirror/simple --target /opt/lib -c c.txt -e . requests==2.31");
  ASSERT_EQ(analysis.packages.size(), 1u);
  EXPECT_EQ(analysis.packages[0].packages, (Strings{"requests==2.31", "."}));
  EXPECT_EQ(analysis.packages[0].requirement_files, Strings{"c.txt"});
}

TEST(PipRecognizer, CachePurgeAndLookAlikes) {
  auto analysis = Analyze(
      "pip cache purge && pipx install black && pipenv install && python -c 'import pip' && python setup.py install");
  ASSERT_EQ(analysis.packages.size(), 1u);
  EXPECT_EQ(analysis.packages[0].action, PackageAction::kClean);
  EXPECT_EQ(analysis.packages[0].subcommand, "cache purge");
}

TEST(PipRecognizer, PrefixAssignmentIsVisible) {
  auto analysis = Analyze("PIP_NO_CACHE_DIR=1 pip install x");
  ASSERT_EQ(analysis.packages.size(), 1u);
  const auto& command = analysis.script.commands[analysis.packages[0].command_index];
  EXPECT_EQ(command.assignments, (std::vector<std::pair<std::string, std::string>>{{"PIP_NO_CACHE_DIR", "1"}}));
}

}  // namespace
}  // namespace slimage::shell
