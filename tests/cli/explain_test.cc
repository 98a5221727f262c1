#include <gtest/gtest.h>

#include "rules/catalogue.h"
#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(CliExplain, ParseError) {
  CliResult result = RunCli({"explain", "SL000"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(result.out,
            "SL000 (error): The Dockerfile does not parse\n"
            "fixable: no\n"
            "hadolint: -\n"
            "\n" + std::string(rules::ParseErrorInfo().explanation) + "\n"
            "\n"
            "Bad:\n"
            "    FROM debian:12-slim\n"
            "    RUN --frm=x echo hi\n"
            "\n"
            "Good:\n"
            "    FROM debian:12-slim\n"
            "    RUN echo hi\n");
}

TEST(CliExplain, ListStartsWithSL000AndHasOneLinePerRule) {
  CliResult result = RunCli({"explain", "--list"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.substr(0, result.out.find('\n') + 1), "SL000  error    The Dockerfile does not parse\n");
  size_t lines = 0;
  for (char c : result.out) lines += c == '\n';
  EXPECT_EQ(lines, rules::AllRuleInfos().size());
}

TEST(CliExplain, UnknownIdExits2NamingIt) {
  CliResult result = RunCli({"explain", "SL999"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "slimage: unknown rule 'SL999' (slimage explain --list lists them)\n");
}

TEST(CliExplain, NoIdIsAUsageError) {
  CliResult result = RunCli({"explain"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "slimage: explain: give a rule ID (like SL301) or --list\n");
}

}  // namespace
}  // namespace slimage::testing
