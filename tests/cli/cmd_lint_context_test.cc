// `slimage lint --context DIR` (SL701 reads the build context).
#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(LintContextOptionTest, RejectsAMissingFolder) {
  CliResult result = RunCli({"lint", "--context", "/nonexistent/slimage-context",
                             SourcePath("tests/rules/cases/SL701/no_dockerignore/Dockerfile")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--context: Directory does not exist: /nonexistent/slimage-context"), std::string::npos)
      << result.err;
}

TEST(LintContextOptionTest, DefaultsToTheDockerfileFolder) {
  std::string dir = SourcePath("tests/rules/cases/SL701/good_dockerignore");
  CliResult beside = RunCli({"lint", "--format", "json", "--fail-on", "none", dir + "/Dockerfile"});
  EXPECT_EQ(beside.exit_code, 0) << beside.err;
  EXPECT_EQ(beside.out.find("\"rule\": \"SL701\""), std::string::npos);
  // The same Dockerfile with a context that has no .dockerignore.
  CliResult elsewhere = RunCli({"lint", "--format", "json", "--fail-on", "none", "--context",
                                SourcePath("tests/rules/cases/SL701/no_dockerignore"), dir + "/Dockerfile"});
  EXPECT_EQ(elsewhere.exit_code, 0) << elsewhere.err;
  EXPECT_NE(elsewhere.out.find("\"rule\": \"SL701\""), std::string::npos);
}

}  // namespace
}  // namespace slimage::testing
