// SL602's owner and mode comparisons, and the messages naming the instruction that wrote the bytes.
#include "rules/chown_after_write.h"

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

TEST(ChownAfterWriteTest, SameOwner) {
  EXPECT_TRUE(SameOwner("app", "app"));
  EXPECT_TRUE(SameOwner("app:app", "app"));     // chown USER keeps the group
  EXPECT_TRUE(SameOwner("app", "app:app"));     // --chown=app: the user's id as group
  EXPECT_TRUE(SameOwner("app:staff", "app.staff"));
  EXPECT_TRUE(SameOwner("1000:1000", "1000:"));
  EXPECT_FALSE(SameOwner("app:staff", "app:app"));
  EXPECT_FALSE(SameOwner("app", "www-data"));
  EXPECT_FALSE(SameOwner("app", ":app"));  // changes the group only
}

TEST(ChownAfterWriteTest, ApplyChmod) {
  EXPECT_EQ(ApplyChmod(0644, "755", false), 0755u);
  EXPECT_EQ(ApplyChmod(0644, "0755", false), 0755u);
  EXPECT_EQ(ApplyChmod(0644, "+x", false), 0755u);
  EXPECT_EQ(ApplyChmod(0644, "+w", false), 0644u);  // umask 022: only the owner gains w
  EXPECT_EQ(ApplyChmod(0755, "a+rx", false), 0755u);
  EXPECT_EQ(ApplyChmod(0755, "go-w,u+x", false), 0755u);
  EXPECT_EQ(ApplyChmod(0640, "a+rX", false), 0644u);  // X: no x on a file without one
  EXPECT_EQ(ApplyChmod(0750, "a+rX", false), 0755u);
  EXPECT_EQ(ApplyChmod(0777, "o=", false), 0770u);
  EXPECT_EQ(ApplyChmod(0644, "g+s", false), 02644u);
  EXPECT_EQ(ApplyChmod(0644, "u+q", false), std::nullopt);
  EXPECT_EQ(ApplyChmod(0644, "go=u", false), std::nullopt);  // copies are not followed
  EXPECT_EQ(ApplyChmod(0644, "", false), std::nullopt);
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
