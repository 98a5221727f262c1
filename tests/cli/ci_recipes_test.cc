// The CI recipes of docs/ci.md and the pre-commit hooks run for real: every `slimage` command in
// them, pointed at examples/, must be accepted (exit 0 or 1, never a usage error).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <sstream>
#include <vector>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

// The words of a recipe's command line, with its placeholders pointed at the examples and a
// trailing `> file` redirection dropped.
std::vector<std::string> ExampleArgs(const std::string& line) {
  std::vector<std::string> args;
  std::istringstream words(line);
  std::string word;
  while (words >> word) {
    if (word == ">") break;
    if (word == "Dockerfile") word = SourcePath("examples/Dockerfile");
    if (word.rfind("docker://", 0) == 0) word = SourcePath("examples/example-image.tar");
    args.push_back(word);
  }
  return args;
}

std::vector<std::string> SlimageLines(const YAML::Node& node) {
  std::vector<std::string> lines;
  if (node.IsScalar()) {
    const std::string text = node.as<std::string>();
    if (text.rfind("slimage ", 0) == 0) lines.push_back(text);
  } else if (node.IsSequence() || node.IsMap()) {
    for (const auto& child : node) {
      for (const std::string& line : SlimageLines(node.IsMap() ? child.second : child)) lines.push_back(line);
    }
  }
  return lines;
}

void ExpectAccepted(const std::string& line) {
  std::vector<std::string> args = ExampleArgs(line);
  ASSERT_GE(args.size(), 2u) << line;
  args.erase(args.begin());  // "slimage"
  const CliResult result = RunCliArgs(args);
  EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << line << "\n" << result.err;
  // `fix --check` names the fixes it skips on stderr; a usage or input error is a `slimage:` line.
  EXPECT_EQ(result.err.find("slimage: "), std::string::npos) << line << "\n" << result.err;
  EXPECT_FALSE(result.out.empty()) << line;
}

TEST(CiRecipes, EverySlimageCommandOfTheGithubAndGitlabRecipesRuns) {
  for (const char* recipe : {"docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml"}) {
    const YAML::Node document = YAML::LoadFile(SourcePath(recipe));
    const std::vector<std::string> lines = SlimageLines(document);
    EXPECT_GE(lines.size(), 2u) << recipe;
    for (const std::string& line : lines) ExpectAccepted(line);
  }
}

TEST(CiRecipes, TheGitlabJobWritesTheCodequalityReportItDeclares) {
  const YAML::Node job = YAML::LoadFile(SourcePath("docs/ci/gitlab-ci.yml"))["slimage-lint"];
  const std::string report = job["artifacts"]["reports"]["codequality"].as<std::string>();
  EXPECT_NE(job["script"][0].as<std::string>().find("--format gitlab --fail-on none > " + report), std::string::npos);
}

TEST(CiRecipes, PreCommitHooksRunOnDockerfiles) {
  const YAML::Node hooks = YAML::LoadFile(SourcePath(".pre-commit-hooks.yaml"));
  ASSERT_TRUE(hooks.IsSequence());
  ASSERT_GE(hooks.size(), 1u);
  for (const YAML::Node& hook : hooks) {
    const std::string id = hook["id"].as<std::string>();
    EXPECT_EQ(hook["language"].as<std::string>(), "system") << id;
    EXPECT_EQ(hook["types"][0].as<std::string>(), "dockerfile") << id;
    // pre-commit appends the staged file names to the entry.
    ExpectAccepted(hook["entry"].as<std::string>() + " Dockerfile");
  }
  EXPECT_EQ(hooks[0]["id"].as<std::string>(), "slimage-lint");
}

}  // namespace
}  // namespace slimage::testing
