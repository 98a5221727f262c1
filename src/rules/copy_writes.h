// Which image paths a COPY/ADD writes, as SL302 needs it: does a later `rm` delete files that
// this COPY put into a layer? See docs/lint-rules.md ("SL302: what a COPY wrote").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::rules {

// One thing a COPY/ADD wrote: the file at `path`, or (tree) `path` and everything under it.
// `path` is located like the removals it is compared with; its last component may be a glob
// (`COPY *.jar /app/`).
struct CopyWrite {
  std::string path;
  bool tree = false;
  size_t source = 0;  // the index in CopyInput::sources of the source that lands there
  bool guessed = false;  // a tree only because the source's name has no extension (not looked up)
};

struct CopyInput {
  std::vector<std::string> sources;  // as written (expanded)
  std::string destination;           // as written
  std::string located_destination;   // absolute, or under the unknown-WORKDIR stand-in
  std::string context_dir;           // empty: no build context to look sources up in
  bool from_stage = false;           // COPY --from: the sources are not in the build context
  bool is_add = false;               // ADD: local archives are extracted, URLs downloaded
};

std::vector<CopyWrite> CopyWrites(const CopyInput& input);

// Whether removing `removed` (a located path, may hold globs: `/app/*`) deletes something of
// `write`: the written path itself, a parent of it, or (tree) anything under it.
bool RemovalHits(std::string_view removed, const CopyWrite& write);

// The build-context file or folder that `write` put at the located image path `path` (the write's
// path itself, a glob match of it, or a path under a tree): the context folder joined with the
// source (and the rest of `path` below the tree). nullopt when `write` does not cover `path`, or
// its source is not in the build context (no context, COPY --from, a URL, a heredoc, an archive
// that ADD extracts).
std::optional<std::string> ContextPathOf(const CopyInput& input, const CopyWrite& write, std::string_view path);

}  // namespace slimage::rules
