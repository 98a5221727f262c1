#include "rules/copy_writes.h"

#include <fnmatch.h>

#include <filesystem>
#include <system_error>

#include "rules/rule_helpers.h"
#include "rules/run_scan.h"
#include "rules/workdir.h"

namespace slimage::rules {
namespace {

enum class Kind { kFile, kDirectory, kGuessedDirectory };

bool HasGlob(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

bool IsUrl(std::string_view source) {
  return source.find("://") != std::string_view::npos || source.starts_with("git@");
}

std::string_view Basename(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// `app.conf`, `big.tar.gz`; not `.env` (a leading dot names hidden files and folders alike).
bool HasExtension(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < name.size();
}

// The name a heredoc source (`<<EOF`, `<<-"EOF"`) lands under, or empty for other sources.
std::string HeredocName(std::string_view source) {
  if (!source.starts_with("<<")) return {};
  source.remove_prefix(2);
  if (source.starts_with('-')) source.remove_prefix(1);
  std::string name;
  for (char c : source) {
    if (c != '"' && c != '\'') name += c;
  }
  return name;
}

Kind Classify(const CopyInput& input, std::string_view source) {
  if (source == "." || source == "./" || source.ends_with('/') || source.ends_with("/.")) return Kind::kDirectory;
  if (IsUrl(source)) {
    // ADD of a git repository checks out a tree; any other URL is downloaded as one file.
    bool git = source.starts_with("git@") || source.find(".git") != std::string_view::npos;
    return git ? Kind::kGuessedDirectory : Kind::kFile;
  }
  // ADD extracts a local tar archive into the destination.
  if (input.is_add && !input.from_stage && IsLocalTarArchive(source)) return Kind::kDirectory;
  if (!input.from_stage && !input.context_dir.empty() && !HasGlob(source)) {
    namespace fs = std::filesystem;
    std::error_code error;
    std::string_view relative = source;
    while (relative.starts_with('/')) relative.remove_prefix(1);  // sources are context-relative
    fs::file_status status = fs::status(fs::path(input.context_dir) / std::string(relative), error);
    if (!error && fs::is_regular_file(status)) return Kind::kFile;
    if (!error && fs::is_directory(status)) return Kind::kDirectory;
  }
  // Not looked up: a name with an extension is taken for a file, anything else for a directory.
  return HasExtension(Basename(source)) ? Kind::kFile : Kind::kGuessedDirectory;
}

}  // namespace

std::vector<CopyWrite> CopyWrites(const CopyInput& input) {
  std::vector<CopyWrite> writes;
  const std::string& destination = input.located_destination;
  std::string_view written = input.destination;
  // Docker copies into the destination when it names a folder: a trailing `/`, `.`, or several
  // sources. Otherwise a file source lands at the destination itself, or inside it when the image
  // already has that folder (not known here), so both count.
  bool into = written.ends_with('/') || written == "." || written == ".." || written.ends_with("/.") ||
              input.sources.size() > 1;
  for (size_t index = 0; index < input.sources.size(); ++index) {
    const std::string& source = input.sources[index];
    std::string heredoc = HeredocName(source);
    Kind kind = heredoc.empty() ? Classify(input, source) : Kind::kFile;
    switch (kind) {
      case Kind::kFile: {
        std::string name = heredoc.empty() ? std::string(Basename(source)) : heredoc;
        if (IsUrl(source)) {
          name = name.substr(0, name.find_first_of("?#"));
        }
        if (!into) writes.push_back({destination, false, index});
        if (!name.empty()) writes.push_back({ResolvePath(destination, name), false, index});
        break;
      }
      case Kind::kDirectory: writes.push_back({destination, true, index}); break;
      case Kind::kGuessedDirectory:
        // A guess must not claim the whole filesystem: `COPY conf /` then `rm -rf /var/cache/x`.
        if (destination != "/") writes.push_back({destination, true, index, true});
        break;
    }
  }
  return writes;
}

bool RemovalHits(std::string_view removed, const CopyWrite& write) {
  std::string pattern(removed);
  if (write.tree && PathUnder(removed, write.path)) return true;
  // Only a source's name can be a glob (the unknown-WORKDIR stand-in `/?workdir` is not one).
  bool glob_name = HasGlob(Basename(write.path));
  if (glob_name && fnmatch(write.path.c_str(), pattern.c_str(), FNM_PATHNAME) == 0) return true;
  // The removal names the written path or one of its parents, literally or by a glob (`/app/*`).
  std::string_view at = write.path;
  for (bool self = true; !at.empty(); self = false) {
    if (!(self && glob_name) &&
        (at == removed || fnmatch(pattern.c_str(), std::string(at).c_str(), FNM_PATHNAME) == 0)) {
      return true;
    }
    if (at == "/") break;
    size_t slash = at.rfind('/');
    if (slash == std::string_view::npos) break;
    at = slash == 0 ? std::string_view("/") : at.substr(0, slash);
  }
  return false;
}

std::optional<std::string> ContextPathOf(const CopyInput& input, const CopyWrite& write, std::string_view path) {
  if (input.context_dir.empty() || input.from_stage || write.source >= input.sources.size()) return std::nullopt;
  std::string_view source = input.sources[write.source];
  if (IsUrl(source) || source.starts_with("<<") || (input.is_add && IsLocalTarArchive(source))) return std::nullopt;
  while (source.starts_with('/')) source.remove_prefix(1);  // sources are context-relative
  std::string base = ResolvePath("/", source);              // cleaned: "./x/" -> "/x"
  std::string below;
  if (path == write.path) {
    // The file itself, or the folder a tree was copied from.
  } else if (HasGlob(Basename(write.path)) &&
             fnmatch(write.path.c_str(), std::string(path).c_str(), FNM_PATHNAME) == 0) {
    // `COPY *.sh /app/` put /app/run.sh there from the source's folder.
    size_t slash = base.rfind('/');
    base = base.substr(0, slash) + "/" + std::string(Basename(path));
  } else if (write.tree && PathUnder(path, write.path)) {
    below = std::string(path.substr(write.path == "/" ? 0 : write.path.size()));
  } else {
    return std::nullopt;
  }
  std::string relative = ResolvePath(base, "." + below);
  return input.context_dir + relative;
}

}  // namespace slimage::rules
