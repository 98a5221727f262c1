#include "util/severity.h"

#include <gtest/gtest.h>

namespace slimage {
namespace {

TEST(SeverityTest, NamesRoundTrip) {
  for (Severity severity : {Severity::kStyle, Severity::kInfo, Severity::kWarning, Severity::kError}) {
    EXPECT_EQ(ParseSeverity(SeverityName(severity)), severity);
  }
  EXPECT_EQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_EQ(ParseSeverity("Warning"), std::nullopt);  // names are lower case, as in the config and CLI
  EXPECT_EQ(ParseSeverity("none"), std::nullopt);     // --fail-on none is the CLI's, not a severity
}

// lint's --fail-on and analyze's threshold both compare with >=.
TEST(SeverityTest, OrderedFromLeastToMostSevere) {
  EXPECT_LT(Severity::kStyle, Severity::kInfo);
  EXPECT_LT(Severity::kInfo, Severity::kWarning);
  EXPECT_LT(Severity::kWarning, Severity::kError);
}

}  // namespace
}  // namespace slimage
