// `slimage rootfs-libs` (hidden): the files a FROM-scratch image needs beside PROGRAM... to
// start them, one `SOURCE<tab>DEST` line each. The root Dockerfile runs it to build
// slimage's own image with exactly the libraries it loads (docs/packaging.md).
#include <filesystem>
#include <memory>

#include "analysis/library_closure.h"
#include "cli/command.h"
#include "util/runtime_libraries.h"

namespace slimage::cli {

void RegisterRootfsLibsCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("rootfs-libs", "Print the interpreter and libraries programs load")->group("");
  auto request = std::make_shared<analysis::ClosureRequest>();
  auto with_own = std::make_shared<bool>(false);
  sub->add_option("PROGRAM", request->programs, "ELF programs, as paths inside the root")->required();
  sub->add_option("--root", request->root, "the directory searched as if it were / (default: /)")
      ->check(CLI::ExistingDirectory);
  sub->add_option("--library-path", request->library_path, "a directory searched first, like LD_LIBRARY_PATH");
  sub->add_flag("--slimage-libraries", *with_own,
                "also the libraries slimage opens with dlopen (libcurl, libarchive, libisal, libsqlite3)");
  sub->callback([&context, request, with_own] {
    for (std::string& program : request->programs) {  // relative to the working directory when the root is /
      if (request->root == "/" && !program.empty() && program.front() != '/') {
        program = std::filesystem::absolute(program).lexically_normal().string();
      }
    }
    if (*with_own) {
      for (const RuntimeLibrary& library : kRuntimeLibraries) request->dlopened.emplace_back(library.soname);
    }
    const std::vector<analysis::ClosureFile> files = OrThrow(analysis::LibraryClosure(*request));
    for (const analysis::ClosureFile& file : files) context.io.out << file.source << '\t' << file.dest << '\n';
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
