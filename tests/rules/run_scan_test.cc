// Settings the data cases cannot reach through the CLI (--all-stages, allow-packages), exact
// messages and positions of the SL3xx/SL4xx rules, and the run_scan helpers.
#include "rules/run_scan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/lint_runner.h"

namespace slimage::rules {
namespace {

std::vector<Finding> Lint(std::string_view source, const LintSettings& settings = {}) {
  report::LintOptions options;
  options.settings = settings;
  auto result = report::LintSource("Dockerfile", source, options);
  EXPECT_TRUE(result.ok());
  return result ? result->findings : std::vector<Finding>{};
}

std::vector<Finding> Only(const std::vector<Finding>& findings, std::string_view rule) {
  std::vector<Finding> kept;
  for (const Finding& finding : findings) {
    if (finding.rule == rule) kept.push_back(finding);
  }
  return kept;
}

constexpr std::string_view kBuildStage =
    "FROM debian:12 AS build\n"
    "RUN apt-get update && apt-get install -y --no-install-recommends gcc\n"
    "FROM debian:12-slim\n"
    "COPY --from=build /etc/hostname /x\n";

TEST(RunScanTest, BuildStageIsSilentWithoutAllStages) {
  EXPECT_TRUE(Only(Lint(kBuildStage), "SL301").empty());
}

TEST(RunScanTest, BuildStageReportsAtInfoWithAllStages) {
  LintSettings settings;
  settings.all_stages = true;
  std::vector<Finding> findings = Only(Lint(kBuildStage, settings), "SL301");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kInfo);
  EXPECT_EQ(findings[0].line, 2);
  EXPECT_EQ(findings[0].stage, "build");
}

TEST(RunScanTest, ShippedStageReportsAtWarningWithPositionOfTheCommand) {
  std::vector<Finding> findings = Only(Lint("FROM debian:12-slim\nRUN true && apt-get update\n"), "SL301");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[0].line, 2);
  EXPECT_EQ(findings[0].column, 13);  // "RUN true && " is 12 bytes
  EXPECT_TRUE(findings[0].fixable);
  EXPECT_EQ(findings[0].message,
            "`apt-get update` without `rm -rf /var/lib/apt/lists/*` in the same RUN: the package lists stay in "
            "this layer");
}

TEST(RunScanTest, HeredocCommandPosition) {
  std::vector<Finding> findings =
      Only(Lint("FROM alpine:3.20\nRUN <<EOF\nset -e\n  apk add curl\nEOF\n"), "SL304");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 4);
  EXPECT_EQ(findings[0].column, 3);
}

TEST(RunScanTest, AllowPackagesSilencesSL401) {
  constexpr std::string_view kSource = "FROM alpine:3.20\nRUN apk add --no-cache git vim\n";
  std::vector<Finding> findings = Only(Lint(kSource), "SL401");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`apk add` installs debugging tools in the shipped image: git, vim; move them to a debug target "
            "(name this stage (`AS app`) and add `FROM app AS debug` with them, built with `--target debug`)");
  LintSettings settings;
  settings.allow_packages = {"git"};
  findings = Only(Lint(kSource, settings), "SL401");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find(": vim;"), std::string::npos) << findings[0].message;
  settings.allow_packages = {"git", "vim"};
  EXPECT_TRUE(Only(Lint(kSource, settings), "SL401").empty());
}

TEST(RunScanTest, SL302NamesTheLayerThatHoldsTheBytes) {
  std::vector<Finding> findings = Only(
      Lint("FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"
           "RUN rm -rf /var/lib/apt/lists/*\n"),
      "SL302");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 3);
  EXPECT_EQ(findings[0].message,
            "`rm -rf /var/lib/apt/lists/*` in its own layer saves nothing: the bytes stay in the layer of line 2 "
            "(`RUN apt-get update && apt-get install -y...`)");
}

TEST(RunScanTest, SL302QuotesTheFirstCleanupWithItsArguments) {
  constexpr std::string_view kInstall =
      "FROM rockylinux:9\nRUN yum install -y tar && mkdir -p /opt/app/cache /tmp/build\n";
  auto message = [&](std::string_view cleanup) {
    std::vector<Finding> findings = Only(Lint(std::string(kInstall) + std::string(cleanup)), "SL302");
    return findings.size() == 1 ? findings[0].message.substr(0, findings[0].message.find(" in its own layer"))
                                : "(" + std::to_string(findings.size()) + " findings)";
  };
  EXPECT_EQ(message("RUN yum clean all\n"), "`yum clean all`");
  // Source order, though package cleans and removals are collected apart.
  EXPECT_EQ(message("RUN rm -rf /opt/app/cache && yum clean all\n"), "`rm -rf /opt/app/cache`");
  EXPECT_EQ(message("RUN sudo rm -rf \"/opt/app/cache\"\n"), "`rm -rf /opt/app/cache`");
  // A long command ends after its last whole word within 80 bytes.
  EXPECT_EQ(message("RUN rm -rf /tmp/build/one/two/three/four /tmp/build/five/six/seven/eight/nine "
                    "/tmp/build/ten/eleven\n"),
            "`rm -rf /tmp/build/one/two/three/four /tmp/build/five/six/seven/eight/nine …`");
}

TEST(RunScanTest, SL309NamesTheCacheOfTheConfiguredBundlePath) {
  auto message = [](std::string_view source) {
    std::vector<Finding> findings = Only(Lint(source), "SL309");
    return findings.size() == 1 ? findings[0].message : "(" + std::to_string(findings.size()) + " findings)";
  };
  const std::string kKeeps = "`bundle install` keeps every downloaded .gem file in ";
  const std::string kTail = " (and updates vendor/cache when it exists): delete them in the same RUN";
  EXPECT_EQ(message("FROM ruby:3.3-slim\nWORKDIR /app\nRUN bundle config set --local path vendor/bundle\n"
                    "RUN cd sub && bundle install\n"),
            kKeeps + "/app/sub/vendor/bundle/ruby/*/cache" + kTail);  // relative to the application
  EXPECT_EQ(message("FROM ruby:3.3-slim\nRUN bundle config --global path /g && BUNDLE_PATH=/e bundle install\n"),
            kKeeps + "/e/ruby/*/cache" + kTail);
  EXPECT_EQ(message("FROM ruby:3.3-slim\nRUN bundle config set path /c && bundle config unset path && bundle install\n"),
            kKeeps + "/usr/local/bundle/cache" + kTail);
  EXPECT_EQ(message("FROM ruby:3.3-slim AS base\nRUN bundle config path /c\nFROM base\nRUN bundle install --path /p\n"),
            kKeeps + "/p/ruby/*/cache" + kTail);
  EXPECT_EQ(message("FROM ruby:3.3-slim AS base\nRUN bundle config path /c\nFROM base\nRUN bundle install\n"),
            kKeeps + "/c/ruby/*/cache" + kTail);
  // A path with an unknown variable is named as written.
  EXPECT_EQ(message("FROM ruby:3.3-slim\nRUN bundle config set path \"$DEPS\" && bundle install\n"),
            kKeeps + "$DEPS/ruby/*/cache" + kTail);
}

TEST(RunScanTest, SL401NamesTheStageForTheDebugTarget) {
  std::vector<Finding> findings =
      Only(Lint("FROM alpine:3.20 AS api\nRUN apk add --no-cache strace\nFROM api\n"), "SL401");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].stage, "api");
  EXPECT_EQ(findings[0].message,
            "`apk add` installs debugging tools in the shipped image: strace; move them to a debug target "
            "(`FROM api AS debug`, built with `--target debug`)");
}

TEST(RunScanTest, SL602NamesOwnerAndWriter) {
  std::vector<Finding> findings =
      Only(Lint("FROM debian:12-slim\nCOPY app /app\nRUN chown -R app:app /app\n"), "SL602");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`chown -R app:app /app` changes files written by COPY (line 2): they are stored again in this layer; "
            "use `COPY --chown=app:app` instead");
}

TEST(RunScanTest, SL602SuggestsAnOctalModeForSymbolicChmod) {
  std::vector<Finding> findings =
      Only(Lint("FROM debian:12-slim\nCOPY run.sh /usr/bin/run.sh\nRUN chmod +x /usr/bin/run.sh\n"), "SL602");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`chmod +x /usr/bin/run.sh` changes files written by COPY (line 2): they are stored again in this "
            "layer; use `COPY --chmod=<octal mode>` instead");
}

TEST(RunScanTest, SL602NamesTheDirectoryOfARelativePath) {
  std::vector<Finding> findings =
      Only(Lint("FROM debian:12-slim\nWORKDIR /srv/app\nCOPY . .\nRUN chown -R app:app .\n"
                "RUN cd /srv && chmod 755 app/bin\n"),
           "SL602");
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].message,
            "`chown -R app:app .` (/srv/app) changes files written by COPY (line 3): they are stored again in this "
            "layer; use `COPY --chown=app:app` instead");
  EXPECT_EQ(findings[1].message,
            "`chmod 755 app/bin` (/srv/app/bin) changes files written by COPY (line 3): they are stored again in "
            "this layer; use `COPY --chmod=755` instead");
}

TEST(RunScanTest, SL602KeepsARelativePathUnderAnUnknownWorkdirAsWritten) {
  std::vector<Finding> findings = Only(Lint("FROM debian:12-slim\nCOPY . .\nRUN chown -R app .\n"), "SL602");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`chown -R app .` changes files written by COPY (line 2): they are stored again in this layer; use "
            "`COPY --chown=app` instead");
}

TEST(RunScanTest, SL311MessageGivesTheSize) {
  std::vector<Finding> findings = Only(Lint("FROM debian:12-slim\nRUN useradd -u 1000000 app\n"), "SL311");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`useradd -u 1000000` without `-l`: /var/log/lastlog grows to UID x 292 bytes (292 MB of zeros) in "
            "this layer");
}

TEST(RunScanTest, PathUnder) {
  EXPECT_TRUE(PathUnder("/var/lib/apt/lists/*", "/var/lib/apt/lists"));
  EXPECT_TRUE(PathUnder("/var/lib/apt/lists", "/var/lib/apt/lists/"));
  EXPECT_TRUE(PathUnder("/var/lib/apt/lists", "/var/lib/apt"));
  EXPECT_FALSE(PathUnder("/var/lib/apt/listsx", "/var/lib/apt/lists"));
  EXPECT_FALSE(PathUnder("/var/lib", "/var/lib/apt"));
}

TEST(RunScanTest, ExpandBraces) {
  EXPECT_EQ(ExpandBraces("/var/cache/{yum,dnf}"), (std::vector<std::string>{"/var/cache/yum", "/var/cache/dnf"}));
  EXPECT_EQ(ExpandBraces("/tmp/*"), (std::vector<std::string>{"/tmp/*"}));
  EXPECT_EQ(ExpandBraces("/x/{a"), (std::vector<std::string>{"/x/{a"}));
}

}  // namespace
}  // namespace slimage::rules
