#include "shell/tools/options.h"

#include <gtest/gtest.h>

namespace slimage::shell {
namespace {

using Strings = std::vector<std::string>;

Strings Names(const ParsedArgs& parsed) {
  Strings out;
  for (const auto& option : parsed.options) out.push_back(option.name + (option.value ? "=" + *option.value : ""));
  return out;
}

TEST(ParseOptions, BundlesValuesAndLongOptions) {
  OptionSpec spec{"o", {"--target-release"}, false, false};
  ParsedArgs parsed = ParseOptions(
      {"apt-get", "-yq", "-oDpkg::Use-Pty=0", "install", "-o", "A=B", "--target-release", "bookworm",
       "--no-install-recommends", "--x=1", "pkg", "--", "-weird"},
      1, spec);
  EXPECT_EQ(Names(parsed), (Strings{"-y", "-q", "-o=Dpkg::Use-Pty=0", "-o=A=B", "--target-release=bookworm",
                                    "--no-install-recommends", "--x=1"}));
  EXPECT_EQ(parsed.operands, (Strings{"install", "pkg", "-weird"}));
  EXPECT_EQ(parsed.operand_indexes, (std::vector<size_t>{3, 10, 12}));
  EXPECT_TRUE(parsed.Has({"-y"}));
  EXPECT_FALSE(parsed.Has({"-f"}));
  EXPECT_EQ(parsed.Value({"-o"}), "A=B");
  EXPECT_EQ(parsed.Values({"-o"}), (Strings{"Dpkg::Use-Pty=0", "A=B"}));
}

TEST(ParseOptions, StopAtOperandForWrappers) {
  OptionSpec spec{"u", {"--user"}, true, false};
  ParsedArgs parsed = ParseOptions({"sudo", "-E", "-u", "root", "apt-get", "-y"}, 1, spec);
  EXPECT_EQ(parsed.first_operand, 4u);
  EXPECT_EQ(Names(parsed), (Strings{"-E", "-u=root"}));
}

TEST(ParseOptions, GoStyleSingleDashLongOptions) {
  OptionSpec spec{"", {"-o", "-ldflags"}, false, true};
  ParsedArgs parsed = ParseOptions({"go", "build", "-trimpath", "-ldflags", "-s -w", "--o=app", "./cmd"}, 1, spec);
  EXPECT_EQ(Names(parsed), (Strings{"-trimpath", "-ldflags=-s -w", "-o=app"}));
  EXPECT_EQ(parsed.operands, (Strings{"build", "./cmd"}));
}

TEST(ParseOptions, MissingValueAndLoneDash) {
  ParsedArgs parsed = ParseOptions({"x", "-", "-o"}, 1, OptionSpec{"o", {}, false, false});
  EXPECT_EQ(parsed.operands, Strings{"-"});
  ASSERT_EQ(parsed.options.size(), 1u);
  EXPECT_FALSE(parsed.options[0].value.has_value());
}

}  // namespace
}  // namespace slimage::shell
