// Regression: a one-file lint took 40 ms, nearly all of it loading libcurl, libarchive, the
// ~40 libraries behind them and libisal, which lint never uses. They are now loaded on first
// use; the dynamic loader's own trace (LD_DEBUG=libs) shows which libraries a run opens.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/run_cli.h"

namespace slimage::testing {
namespace {

// The loader's trace of one run of slimage with `arguments`.
std::string LibrariesLoadedBy(const std::string& arguments) {
  std::string command = std::string("LD_DEBUG=libs ") + SLIMAGE_BINARY + " " + arguments + " 2>&1 >/dev/null";
  std::string trace;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) trace.append(buffer, got);
  ::pclose(pipe);
  return trace;
}

TEST(Startup, LintLoadsNoneOfLibcurlLibarchiveLibisal) {
  std::string trace = LibrariesLoadedBy("lint " + SourcePath("examples/Dockerfile"));
  ASSERT_NE(trace.find("calling init"), std::string::npos) << "no loader trace: " << trace;
  EXPECT_EQ(trace.find("libcurl"), std::string::npos) << trace;
  EXPECT_EQ(trace.find("libarchive"), std::string::npos) << trace;
  EXPECT_EQ(trace.find("libisal"), std::string::npos) << trace;
}

TEST(Startup, AnalyzeLoadsLibarchiveWhenItReadsLayers) {
  std::string trace = LibrariesLoadedBy("analyze " + SourcePath("examples/example-image.tar"));
  EXPECT_NE(trace.find("libarchive.so.13"), std::string::npos) << trace;
}

}  // namespace
}  // namespace slimage::testing
