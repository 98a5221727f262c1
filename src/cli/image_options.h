// Options that `analyze`, `check` and `history` share: how to open and read the image.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "analysis/image_model_builder.h"
#include "cli/command.h"

namespace slimage::cli {

struct ImageCommandOptions {
  std::string image;
  std::string platform;
  std::string max_layer_size;  // as written ("2GB"); parsed when the command runs
  int base_layers = -1;        // -1: from history
  bool insecure = false;       // registry:// over plain HTTP
  std::string username;        // registry:// credentials, with --password-stdin
  bool password_stdin = false;
  std::string cert_dir;        // registry:// TLS files (--cert-dir)
};

void AddImageOptions(CLI::App* sub, ImageCommandOptions& options);
// The same options without the IMAGE argument (`diff` takes two).
void AddImageReadOptions(CLI::App* sub, ImageCommandOptions& options);
// The analysis options the flags ask for; reads the password from `io.in` for --password-stdin.
// Throws InvalidInput with one line on any problem.
analysis::AnalyzeOptions AnalyzeOptionsOrThrow(const ImageCommandOptions& options, const Io& io);
// Opens and reads the image; throws InvalidInput with one line on any problem.
analysis::ImageModel LoadImageOrThrow(const ImageCommandOptions& options, const Io& io);

}  // namespace slimage::cli
