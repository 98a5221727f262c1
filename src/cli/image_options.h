// Options that `analyze` and `history` share: how to open and read the image.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "analysis/image_model_builder.h"

namespace slimage::cli {

struct ImageCommandOptions {
  std::string image;
  std::string platform;
  std::string max_layer_size;  // as written ("2GB"); parsed when the command runs
  int base_layers = -1;        // -1: from history
};

void AddImageOptions(CLI::App* sub, ImageCommandOptions& options);
// Opens and reads the image; throws InvalidInput with one line on any problem.
analysis::ImageModel LoadImageOrThrow(const ImageCommandOptions& options);

}  // namespace slimage::cli
