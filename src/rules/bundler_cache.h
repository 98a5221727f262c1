// SL309 for Bundler: where `bundle install` keeps the .gem files it downloaded (the `cache/`
// folder of the gem repository: <bundle path>/ruby/<version>/cache when a path is configured by
// `--path`, `bundle config set path` or BUNDLE_PATH, else $GEM_HOME/cache, in the official ruby
// images /usr/local/bundle/cache) and where `bundle cache` copies them (vendor/cache, or
// $BUNDLE_CACHE_PATH), and whether the same RUN gets rid of them.
#pragma once

#include <optional>
#include <string>

#include "rules/run_scan.h"
#include "shell/operations.h"

namespace slimage::rules {

// The SL309 message for a `bundle install`/`bundle cache` at `ref` whose cache stays in the
// layer; nullopt when it is removed in the same RUN, under a cache mount, or not a bundle
// operation that downloads.
std::optional<std::string> BundleCacheLeft(const LintContext& context, const RunView& view, CommandRef ref,
                                           const shell::PackageOperation& operation);

}  // namespace slimage::rules
