// slimage version: our version, the `git describe` of the build, and the versions of the libraries we use. libarchive and
// libcurl are loaded at run time, so this also shows whether they can be.
#include <openssl/opensslv.h>
#include <zlib.h>
#include <zstd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "build_info.h"
#include "cli/command.h"
#include "image/archive_library.h"
#include "net/curl_library.h"

namespace slimage::cli {

void RegisterVersionCommand(CLI::App& app, CommandContext& context) {
  CLI::App* sub = app.add_subcommand("version", "Print the version of slimage and its libraries");
  sub->callback([&context] {
    std::ostream& out = context.io.out;
    out << "slimage " << SLIMAGE_VERSION << " (" << SLIMAGE_GIT_DESCRIBE << ")\n";
    auto libarchive = image::LoadArchive();
    out << "  " << (libarchive ? (*libarchive)->version_string() : libarchive.error().message) << "\n";
    out << "  zlib " << zlibVersion() << "\n";
    out << "  zstd " << ZSTD_versionString() << "\n";
    auto curl = net::LoadCurl();
    out << "  " << (curl ? "libcurl " + std::string((*curl)->version_info(CURLVERSION_NOW)->version) : curl.error().message)
        << "\n";
    out << "  " << OPENSSL_VERSION_TEXT << "\n";
    out << fmt::format("  fmt {}.{}.{}\n", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
    out << fmt::format("  nlohmann-json {}.{}.{}\n", NLOHMANN_JSON_VERSION_MAJOR,
                       NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH);
    context.exit_code = kExitOk;
  });
}

}  // namespace slimage::cli
