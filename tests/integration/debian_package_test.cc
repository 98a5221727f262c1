// The Debian package that `cpack -G DEB` makes from the build folder, installed with apt in a
// container of the mmdebstrap Debian base (scripts/integration.sh does the install and records
// what the installed slimage printed).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "integration/it_support.h"

namespace slimage::integration {
namespace {

class DebianPackage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string missing = MissingEnvironment(); !missing.empty()) GTEST_SKIP() << missing;
  }
  static std::string Log() {
    std::ifstream in(RequiredEnv("DEB_LOG"));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(DebianPackage, DeclaresTheLibrariesItLoadsAtRunTime) {
  const std::string depends = RequiredEnv("DEB_DEPENDS");
  // dlopen'ed on first use, so dpkg-shlibdeps cannot see them: declared by hand.
  for (const char* package : {"libcurl4", "libarchive13", "libisal2", "libsqlite3-0"}) {
    EXPECT_NE(depends.find(package), std::string::npos) << package << " in " << depends;
  }
  EXPECT_NE(depends.find("libc6 (>="), std::string::npos) << depends;  // from dpkg-shlibdeps
}

TEST_F(DebianPackage, InstallsOnDebianAndRuns) {
  const std::string log = Log();
  // (apt may print a debconf note first)
  const std::string version_line = "slimage " SLIMAGE_VERSION " (";
  ASSERT_TRUE(log.rfind(version_line, 0) == 0 || log.find("\n" + version_line) != std::string::npos) << log;
  // The declared dependencies were installed, and load.
  EXPECT_NE(log.find("\n  libarchive 3."), std::string::npos) << log;
  EXPECT_NE(log.find("\n  libcurl 7."), std::string::npos) << log;
  EXPECT_NE(log.find("<stdin>:4:1 SL101 warning"), std::string::npos) << log;
  EXPECT_NE(log.find("== lint exit 1\n"), std::string::npos) << log;
  for (const char* file : {"/usr/bin/slimage\n", "/usr/share/man/man1/slimage.1.gz\n",
                           "/usr/share/bash-completion/completions/slimage\n",
                           "/usr/share/zsh/vendor-completions/_slimage\n",
                           "/usr/share/fish/vendor_completions.d/slimage.fish\n"}) {
    EXPECT_NE(log.find(file), std::string::npos) << file << " not installed:\n" << log;
  }
}

}  // namespace
}  // namespace slimage::integration
