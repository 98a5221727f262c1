// The library directories an image's dynamic loader is configured with: glibc's
// /etc/ld.so.conf (with its `include` globs) and musl's /etc/ld-musl-ARCH.path. IM301 searches
// them after RUNPATH and before the default directories, as ld.so does through its cache.
#pragma once

#include <string>
#include <vector>

#include "analysis/image_model.h"

namespace slimage::analysis {

struct LoaderConfig {
  std::vector<std::string> dirs;  // in the order the files list them
  // A config file whose bytes were not kept (over image::kMaxKeptText), or an ld.so.cache
  // without the ld.so.conf it came from: the directories are then not fully known.
  bool incomplete = false;
};

LoaderConfig ReadLoaderConfig(const ImageModel& model);

}  // namespace slimage::analysis
