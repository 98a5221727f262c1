// Where a command's report goes: `--output FILE` / `-o FILE` (written atomically, so a reader
// never sees half a report) or standard output. Shared by analyze, diff and measure.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace slimage::cli {

void AddOutputOption(CLI::App* sub, std::string& path);
// `rendered` to `path`, or to io.out when `path` is empty; throws InvalidInput naming the file.
void WriteReport(const std::string& path, const std::string& rendered, Io& io);

}  // namespace slimage::cli
