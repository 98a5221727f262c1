#include "analysis/library_closure.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/elf_builder.h"

namespace slimage::analysis {
namespace {

namespace fs = std::filesystem;
using slimage::testing::BuildElf;
using slimage::testing::ElfSpec;

constexpr uint16_t kEtDyn = 3;

// A root directory laid out like a merged-/usr Debian: /lib -> usr/lib, /lib64 -> usr/lib64.
class LibraryClosureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "slimage-closure.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    fs::create_directories(root_ / "usr/lib/x86_64-linux-gnu");
    fs::create_directories(root_ / "usr/lib64");
    fs::create_symlink("usr/lib", root_ / "lib");
    fs::create_symlink("usr/lib64", root_ / "lib64");
    // the loader is reached through an absolute symlink, which must resolve inside the root
    Write("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", Library({}));
    fs::create_symlink("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", root_ / "usr/lib64/ld-linux-x86-64.so.2");
    ElfSpec libc = Library({"ld-linux-x86-64.so.2"});
    libc.interpreter = "/lib64/ld-linux-x86-64.so.2";  // glibc's libc.so.6 can run as a program
    Write("/usr/lib/x86_64-linux-gnu/libc.so.6", libc);
  }
  void TearDown() override { fs::remove_all(root_); }

  static ElfSpec Library(std::vector<std::string> needed) {
    ElfSpec spec;
    spec.type = kEtDyn;
    spec.dynamic = true;
    spec.needed = std::move(needed);
    return spec;
  }
  static ElfSpec Program(std::vector<std::string> needed) {
    ElfSpec spec = Library(std::move(needed));
    spec.interpreter = "/lib64/ld-linux-x86-64.so.2";
    return spec;
  }
  void Write(const std::string& path, const ElfSpec& spec) {
    fs::create_directories((root_ / path.substr(1)).parent_path());
    const std::vector<std::byte> bytes = BuildElf(spec);
    std::ofstream(root_ / path.substr(1), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  std::string Host(const std::string& path) const { return root_.string() + path; }
  ClosureRequest Request(std::vector<std::string> programs) const {
    ClosureRequest request;
    request.root = root_.string();
    request.programs = std::move(programs);
    return request;
  }
  // "dest <- source" lines, sources relative to the root
  std::vector<std::string> Lines(const Expected<std::vector<ClosureFile>>& files) const {
    std::vector<std::string> lines;
    if (!files) return {"error: " + files.error().message};
    for (const ClosureFile& file : *files) {
      lines.push_back(file.dest + " <- " + file.source.substr(root_.string().size()));
    }
    return lines;
  }

  fs::path root_;
};

TEST_F(LibraryClosureTest, FollowsNeededRunpathSymlinksAndTheInterpreter) {
  ElfSpec program = Program({"libc.so.6", "libfoo.so.1"});
  program.runpath = "$ORIGIN/../lib/app";
  Write("/usr/bin/prog", program);
  Write("/usr/lib/app/libfoo.so.1.2", Library({"libbar.so.2", "libc.so.6"}));
  fs::create_symlink("libfoo.so.1.2", root_ / "usr/lib/app/libfoo.so.1");
  Write("/usr/lib/x86_64-linux-gnu/libbar.so.2", Library({"libc.so.6"}));

  EXPECT_EQ(Lines(LibraryClosure(Request({"/usr/bin/prog"}))),
            (std::vector<std::string>{
                "/lib/x86_64-linux-gnu/libbar.so.2 <- /usr/lib/x86_64-linux-gnu/libbar.so.2",
                "/lib/x86_64-linux-gnu/libc.so.6 <- /usr/lib/x86_64-linux-gnu/libc.so.6",
                "/lib64/ld-linux-x86-64.so.2 <- /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                "/usr/lib/app/libfoo.so.1 <- /usr/lib/app/libfoo.so.1.2",
            }));
}

TEST_F(LibraryClosureTest, LibraryPathComesFirstAndGoesToTheFirstDefaultDirectory) {
  Write("/usr/bin/prog", Program({"libc.so.6"}));
  Write("/usr/lib/x86_64-linux-gnu/libcurl.so.4", Library({"libc.so.6", "libbig.so.1"}));
  Write("/usr/lib/x86_64-linux-gnu/libbig.so.1", Library({}));
  Write("/opt/small/lib/libcurl.so.4", Library({"libc.so.6"}));
  ClosureRequest request = Request({"/usr/bin/prog"});
  request.dlopened = {"libcurl.so.4"};
  request.library_path = {"/opt/small/lib"};

  EXPECT_EQ(Lines(LibraryClosure(request)),
            (std::vector<std::string>{
                "/lib/x86_64-linux-gnu/libc.so.6 <- /usr/lib/x86_64-linux-gnu/libc.so.6",
                "/lib/x86_64-linux-gnu/libcurl.so.4 <- /opt/small/lib/libcurl.so.4",
                "/lib64/ld-linux-x86-64.so.2 <- /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            }));
}

TEST_F(LibraryClosureTest, SkipsALibraryOfAnotherMachineAsLdSoDoes) {
  Write("/usr/bin/prog", Program({"libfoo.so.1"}));
  ElfSpec arm = Library({});
  arm.machine = 183;  // EM_AARCH64, in the first directory searched
  Write("/lib/x86_64-linux-gnu/libfoo.so.1", arm);
  Write("/usr/lib/libfoo.so.1", Library({}));

  EXPECT_EQ(Lines(LibraryClosure(Request({"/usr/bin/prog"}))),
            (std::vector<std::string>{
                "/lib/libfoo.so.1 <- /usr/lib/libfoo.so.1",  // /lib comes before /usr/lib
                "/lib64/ld-linux-x86-64.so.2 <- /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
            }));
}

TEST_F(LibraryClosureTest, AMissingLibraryNamesWhoNeedsIt) {
  Write("/usr/bin/prog", Program({"libc.so.6", "libfoo.so.1"}));
  Write("/usr/lib/libfoo.so.1", Library({"libgone.so.3"}));
  EXPECT_EQ(Lines(LibraryClosure(Request({"/usr/bin/prog"}))),
            std::vector<std::string>{"error: libgone.so.3 (needed by /lib/libfoo.so.1) not found in " + root_.string()});
  ClosureRequest request = Request({"/usr/bin/prog"});
  request.dlopened = {"libnope.so.1"};
  EXPECT_EQ(Lines(LibraryClosure(request)),
            std::vector<std::string>{"error: libnope.so.1 (needed by dlopen by /usr/bin/prog) not found in " + root_.string()});
}

TEST_F(LibraryClosureTest, AProgramMustBeAnElfFileInTheRoot) {
  std::ofstream(root_ / "script") << "#!/bin/sh\n";
  EXPECT_EQ(Lines(LibraryClosure(Request({"/script"}))), std::vector<std::string>{"error: /script: not an ELF file"});
  EXPECT_EQ(Lines(LibraryClosure(Request({"/nope"}))),
            std::vector<std::string>{"error: /nope: not found in " + root_.string()});
  ElfSpec no_loader = Program({});
  no_loader.interpreter = "/lib/ld-musl-x86_64.so.1";
  Write("/usr/bin/musl", no_loader);
  EXPECT_EQ(Lines(LibraryClosure(Request({"/usr/bin/musl"}))),
            std::vector<std::string>{"error: /lib/ld-musl-x86_64.so.1 (interpreter of /usr/bin/musl): not found in " +
                                     root_.string()});
}

TEST_F(LibraryClosureTest, AStaticProgramNeedsNothing) {
  ElfSpec program;  // ET_EXEC, no PT_INTERP, no dynamic section
  Write("/hello", program);
  EXPECT_EQ(Lines(LibraryClosure(Request({"/hello"}))), std::vector<std::string>{});
}

TEST_F(LibraryClosureTest, ResolveInRootStaysInsideTheRoot) {
  const std::string root = root_.string();
  EXPECT_EQ(ResolveInRoot(root, "/lib64/ld-linux-x86-64.so.2"), "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
  EXPECT_EQ(ResolveInRoot(root, "/../../lib/./x86_64-linux-gnu/libc.so.6"), "/usr/lib/x86_64-linux-gnu/libc.so.6");
  fs::create_symlink("../../../../..", root_ / "usr/up");  // above the root: stops at it
  EXPECT_EQ(ResolveInRoot(root, "/usr/up/lib/x86_64-linux-gnu/libc.so.6"), "/usr/lib/x86_64-linux-gnu/libc.so.6");
  fs::create_symlink("loop-b", root_ / "loop-a");
  fs::create_symlink("loop-a", root_ / "loop-b");
  EXPECT_EQ(ResolveInRoot(root, "/loop-a"), "");
  EXPECT_EQ(ResolveInRoot(root, "/usr/missing/libc.so.6"), "");
}

}  // namespace
}  // namespace slimage::analysis
