// Every Dockerfile of shared/corpus/dockerfiles is linted in one run: no crash, and no SL000
// except for the two files that BuildKit rejects too (docs/dockerfile-parser.md).
#include <filesystem>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(CorpusLint, OnlyTheTwoUnbuildableFilesAreSL000) {
  const std::filesystem::path dir = SharedPath("corpus/dockerfiles");
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no corpus at " << dir;
  std::vector<std::string> args = {"lint", "--format", "json", "--fail-on", "none", "--all-stages"};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "SOURCES.tsv") args.push_back(entry.path().string());
  }
  ASSERT_GE(args.size(), 6u + 500u);
  CliResult result = RunCliArgs(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json report = nlohmann::json::parse(result.out);
  EXPECT_EQ(report["files"].size(), args.size() - 6);
  std::set<std::string> unparsable;
  for (const nlohmann::json& file : report["files"]) {
    for (const nlohmann::json& finding : file["findings"]) {
      if (finding["rule"] == "SL000") unparsable.insert(std::filesystem::path(file["file"].get<std::string>()).filename());
      EXPECT_GE(finding["line"].get<int>(), 1);
      EXPECT_FALSE(finding["message"].get<std::string>().empty());
    }
  }
  EXPECT_EQ(unparsable, (std::set<std::string>{"openshift__imagebuilder__dockerclient__testdata__Dockerfile.unknown",
                                                "replicatedhq__dockerfilelint__test__examples__Dockerfile.misc"}));
}

}  // namespace
}  // namespace slimage::testing
