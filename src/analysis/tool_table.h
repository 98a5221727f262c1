// Data for IM203 (build toolchains) and IM204 (debug and interactive tools): which files
// in an image betray each one. The debug tools are the list of SL401 (rules.md); config
// `allow-packages:` names entries of it to leave alone.
#pragma once

#include <span>
#include <string_view>

namespace slimage::analysis {

// An interactive or debugging tool, found by its executables in the bin directories, and
// counted with its data directories.
struct DebugTool {
  std::string_view package;             // as SL401 and allow-packages name it
  std::string_view aliases;             // other package names, space separated ("bind-tools")
  std::span<const std::string_view> executables;  // basenames; "emacs*" matches a prefix
  std::span<const std::string_view> data_dirs;    // counted too when present
};
std::span<const DebugTool> DebugTools();

// Where executables are looked for.
std::span<const std::string_view> BinDirectories();

// A build toolchain: files with these basenames (anywhere), or everything under these
// directories ("~/" = /root and each /home/USER), or files with this suffix.
struct Toolchain {
  std::string_view name;                            // "C/C++ compiler"
  std::span<const std::string_view> basenames;      // "gcc-*" matches a prefix + digit
  std::span<const std::string_view> directories;
  std::string_view suffix;                          // ".a"
};
std::span<const Toolchain> Toolchains();

// True when `basename` matches `pattern`: exact, or "x*" as a prefix, or "x-#" as a prefix
// followed by a digit ("gcc-#" matches "gcc-12").
bool MatchesToolName(std::string_view basename, std::string_view pattern);

}  // namespace slimage::analysis
