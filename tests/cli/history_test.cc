#include <gtest/gtest.h>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(HistoryCommand, TableNewestFirstWithCountsAndWaste) {
  CliResult result = RunCli({"history", SharedPath("images/ggcr/whiteout_image.tar")});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // Layers: bar.txt+foo.txt (4 B each), then .wh.foo.txt, then a third with nothing new.
  std::string header = "LAYER               SIZE  COMPRESSED    ADDED  CHANGED  REMOVED      WASTED  CREATED BY\n";
  ASSERT_EQ(result.out.rfind(header, 0), 0u) << result.out;
  std::vector<std::string> lines;
  for (size_t start = 0, end; (end = result.out.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(result.out.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 4u) << result.out;
  // Oldest layer last: 8 bytes, two files added, 4 bytes of it hidden later.
  EXPECT_NE(lines[3].find("       8 B"), std::string::npos) << lines[3];
  EXPECT_NE(lines[3].find("        2        0        0         4 B"), std::string::npos) << lines[3];
  EXPECT_NE(lines[2].find("        0        0        1         0 B"), std::string::npos) << lines[2];
}

TEST(HistoryCommand, BundleWithoutChoiceIsExit2) {
  CliResult result = RunCli({"history", SharedPath("images/ggcr/test_bundle.tar")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "slimage: " + SharedPath("images/ggcr/test_bundle.tar") +
                            ": holds 2 images; choose one of: test_image_2, test_image_1\n");
}

}  // namespace
}  // namespace slimage::testing
