// Builds an analysis::ImageModel in memory, layer by layer, for the checks' tests: applies
// whiteouts, opaque directories and overwrites like the real model builder (simplified)
// and records what each layer hid.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/image_model.h"
#include "image/elf_scanner.h"

namespace slimage::testing {

class InMemoryImage {
 public:
  // Starts a filesystem layer made by `created_by` (its history entry comes with it).
  InMemoryImage& Layer(const std::string& created_by);
  // A history entry without a filesystem layer (ENV, CMD...).
  InMemoryImage& EmptyLayer(const std::string& created_by);

  // hash 0: a hash derived from the path and size (distinct contents).
  InMemoryImage& File(const std::string& path, uint64_t size, uint64_t hash = 0, uint32_t mode = 0644,
                  uint32_t uid = 0);
  // A regular file whose bytes the model keeps (the loader's configuration).
  InMemoryImage& Text(const std::string& path, const std::string& contents);
  InMemoryImage& Elf(const std::string& path, const image::ElfInfo& elf, uint64_t size = 1000);
  InMemoryImage& Dir(const std::string& path);
  InMemoryImage& Symlink(const std::string& path, const std::string& target);
  InMemoryImage& Whiteout(const std::string& path);
  InMemoryImage& Opaque(const std::string& dir);
  InMemoryImage& ConfigJson(const std::string& json);
  InMemoryImage& Architecture(const std::string& architecture);  // the config's, "amd64"
  InMemoryImage& HasShell(bool has_shell);

  analysis::ImageModel Build() const;

 private:
  analysis::ImageModel model_;
  std::vector<std::vector<image::LayerEntry>> entries_;  // per layer, in the order given
};

// ELF headers as the scanner would report them.
image::ElfInfo DynamicX8664(std::vector<std::string> needed,
                            std::string interpreter = "/lib64/ld-linux-x86-64.so.2");
image::ElfInfo SharedLibraryX8664(std::vector<std::string> needed = {});
image::ElfInfo StaticX8664();

}  // namespace slimage::testing
