#include "cli/image_options.h"

#include <iostream>

#include "util/size.h"

namespace slimage::cli {

void AddImageOptions(CLI::App* sub, ImageCommandOptions& options) {
  sub->add_option("IMAGE", options.image, "image.tar, an OCI layout directory, oci:DIR[:TAG], docker-archive:FILE[:TAG], docker://NAME, registry://HOST/NAME[:TAG|@DIGEST], - (a docker save archive on stdin)")
      ->required();
  AddImageReadOptions(sub, options);
}

void AddImageReadOptions(CLI::App* sub, ImageCommandOptions& options) {
  sub->add_option("--platform", options.platform, "os/arch[/variant] to pick from an image index");
  sub->add_option("--max-layer-size", options.max_layer_size, "refuse layers whose tar is larger (e.g. 2GB)");
  sub->add_option("--base-layers", options.base_layers, "how many layers belong to the base image")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--insecure", options.insecure, "registry:// over plain HTTP (only meant for localhost registries)");
  sub->add_option("--username", options.username, "registry:// user name (with --password-stdin)");
  sub->add_flag("--password-stdin", options.password_stdin, "read the registry password from the first line of stdin");
  sub->add_option("--cert-dir", options.cert_dir,
                  "registry:// TLS files: *.crt CAs, NAME.cert + NAME.key client certificate (default: certs.d/HOST)")
      ->check(CLI::ExistingDirectory);
}

analysis::AnalyzeOptions AnalyzeOptionsOrThrow(const ImageCommandOptions& options, const Io& io) {
  analysis::AnalyzeOptions analyze;
  analyze.open.platform = options.platform;
  analyze.open.insecure = options.insecure;
  analyze.open.cert_dir = options.cert_dir;
  if (options.password_stdin && options.username.empty()) throw InvalidInput("--password-stdin needs --username");
  if (!options.username.empty() && !options.password_stdin) throw InvalidInput("--username needs --password-stdin");
  if (options.password_stdin) {
    std::istream& in = io.in != nullptr ? *io.in : std::cin;
    std::string password;
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.empty()) throw InvalidInput("--password-stdin: no password on standard input");
    analyze.open.username = options.username;
    analyze.open.password = password;
  }
  if (!options.max_layer_size.empty()) {
    analyze.read.max_layer_size = OrThrow(ParseSize(options.max_layer_size));
    if (analyze.read.max_layer_size == 0) throw InvalidInput("--max-layer-size must be above 0");
  }
  if (options.base_layers >= 0) analyze.model.base_layers = options.base_layers;
  return analyze;
}

analysis::ImageModel LoadImageOrThrow(const ImageCommandOptions& options, const Io& io) {
  return OrThrow(analysis::LoadImageModel(options.image, AnalyzeOptionsOrThrow(options, io)));
}

}  // namespace slimage::cli
