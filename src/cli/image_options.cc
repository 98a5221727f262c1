#include "cli/image_options.h"

#include "cli/command.h"
#include "util/size.h"

namespace slimage::cli {

void AddImageOptions(CLI::App* sub, ImageCommandOptions& options) {
  sub->add_option("IMAGE", options.image, "image.tar, an OCI layout directory, oci:DIR[:TAG], docker-archive:FILE[:TAG], docker://NAME, registry://HOST/NAME[:TAG], - (a docker save archive on stdin)")
      ->required();
  sub->add_option("--platform", options.platform, "os/arch[/variant] to pick from an image index");
  sub->add_option("--max-layer-size", options.max_layer_size, "refuse layers whose tar is larger (e.g. 2GB)");
  sub->add_option("--base-layers", options.base_layers, "how many layers belong to the base image")
      ->check(CLI::NonNegativeNumber);
}

analysis::ImageModel LoadImageOrThrow(const ImageCommandOptions& options) {
  analysis::AnalyzeOptions analyze;
  analyze.open.platform = options.platform;
  if (!options.max_layer_size.empty()) {
    analyze.read.max_layer_size = OrThrow(ParseSize(options.max_layer_size));
    if (analyze.read.max_layer_size == 0) throw InvalidInput("--max-layer-size must be above 0");
  }
  if (options.base_layers >= 0) analyze.model.base_layers = options.base_layers;
  return OrThrow(analysis::LoadImageModel(options.image, analyze));
}

}  // namespace slimage::cli
