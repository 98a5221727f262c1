// `slimage rootfs-libs` on this machine's own root: the closure of the slimage binary itself,
// which is what the root Dockerfile copies into the image.
#include <gtest/gtest.h>

#include <string>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

TEST(RootfsLibs, PrintsTheLoaderAndLibcOfTheBinaryButNotWhatItDlopens) {
  const CliResult run = RunCli({"rootfs-libs", SLIMAGE_BINARY});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("/libc.so.6\n"), std::string::npos) << run.out;
#if defined(__x86_64__)
  EXPECT_NE(run.out.find("\t/lib64/ld-linux-x86-64.so.2\n"), std::string::npos) << run.out;
#endif
  EXPECT_EQ(run.out.find("libcurl"), std::string::npos) << run.out;  // dlopen'ed: no DT_NEEDED
  EXPECT_EQ(run.err, "");
}

TEST(RootfsLibs, SlimageLibrariesAddsWhatItDlopensAndTheirNeeds) {
  const CliResult run = RunCli({"rootfs-libs", "--slimage-libraries", SLIMAGE_BINARY});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* soname : {"/libcurl.so.4\n", "/libarchive.so.13\n", "/libisal.so.2\n", "/libsqlite3.so.0\n"}) {
    EXPECT_NE(run.out.find(soname), std::string::npos) << soname << " in " << run.out;
  }
  // every line is SOURCE<tab>DEST, DEST absolute
  size_t at = 0;
  while (at < run.out.size()) {
    const size_t end = run.out.find('\n', at);
    const std::string line = run.out.substr(at, end - at);
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    EXPECT_EQ(line[0], '/') << line;
    EXPECT_EQ(line[tab + 1], '/') << line;
    at = end + 1;
  }
}

TEST(RootfsLibs, AMissingProgramIsAnErrorNamingIt) {
  const CliResult run = RunCli({"rootfs-libs", "/no/such/program"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "slimage: /no/such/program: not found in /\n");
}

}  // namespace
}  // namespace slimage::testing
