// SL602 (rules/chown_after_write.cc): the messages name the instruction that wrote the bytes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report/lint_runner.h"

namespace slimage::rules {
namespace {

std::vector<Finding> SL602(std::string_view source) {
  report::LintOptions options;
  auto result = report::LintSource("Dockerfile", source, options);
  EXPECT_TRUE(result.ok());
  std::vector<Finding> kept;
  if (!result) return kept;
  for (const Finding& finding : result->findings) {
    if (finding.rule == "SL602") kept.push_back(finding);
  }
  return kept;
}

// Regression (issue 16): the message named the last COPY into /app, which did not write app.jar.
TEST(ChownAfterWriteTest, NamesTheCopyWhoseSourceLandsThere) {
  std::vector<Finding> findings =
      SL602("FROM debian:12-slim\nCOPY app.jar /app/\nCOPY config.yml /app/\nRUN chmod 644 /app/app.jar\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`chmod 644 /app/app.jar` changes files written by COPY (line 2): they are stored again in this layer; "
            "use `COPY --chmod=644` instead");
}

TEST(ChownAfterWriteTest, NamesTheSourceOfSeveralThatLandsThere) {
  std::vector<Finding> findings =
      SL602("FROM debian:12-slim\nCOPY run.sh /\nCOPY a.conf b.conf /etc/app/\nRUN chmod +x /run.sh\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].line, 4);
  EXPECT_NE(findings[0].message.find("written by COPY (line 2)"), std::string::npos) << findings[0].message;
}

TEST(ChownAfterWriteTest, SkipsACopyThatAlreadySetsTheOwnerForAnEarlierOne) {
  std::vector<Finding> findings =
      SL602("FROM debian:12-slim\nCOPY lib/ /srv/lib\nCOPY --chown=app bin/ /srv/bin\nRUN chown -R app /srv\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("written by COPY (line 2)"), std::string::npos) << findings[0].message;
}

TEST(ChownAfterWriteTest, ARelativePathWithoutWorkdirIsShownAsWritten) {
  // `./` with no WORKDIR is `/` for matching, but the base image may have a WORKDIR of its own:
  // the message does not claim to know where `.` is.
  std::vector<Finding> findings = SL602("FROM debian:12-slim\nCOPY run.sh ./\nRUN chmod 755 run.sh\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].message,
            "`chmod 755 run.sh` changes files written by COPY (line 2): they are stored again in this layer; "
            "use `COPY --chmod=755` instead");
}

}  // namespace
}  // namespace slimage::rules
