// The working directory in effect at an instruction, as BuildKit resolves WORKDIR: a relative
// WORKDIR is joined to the previous one, and a stage built FROM another stage starts in that
// stage's last WORKDIR. Relative COPY destinations are resolved against it, and relative paths
// of RUN commands against it as moved by the `cd`s of the RUN (DirectoriesOf).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/stage.h"
#include "shell/command_list.h"

namespace slimage::rules {

// The working directory before `stage.instructions[index]` (index == size: at the end of the
// stage). nullopt when it is not known: no WORKDIR in the stage chain (the base image's own
// working directory is not known at lint time), or a WORKDIR with a variable of unknown value.
std::optional<std::string> WorkdirBefore(const dockerfile::BuildModel& model, const dockerfile::Stage& stage,
                                         size_t index);

// WorkdirBefore, except that with no WORKDIR in the stage chain at all the answer is "/" (rules.md
// SL602: a relative `./` with no WORKDIR is `/`, the working directory Docker uses when the base
// image sets none). nullopt only for a WORKDIR whose value is not known.
std::optional<std::string> WorkdirOrRootBefore(const dockerfile::BuildModel& model, const dockerfile::Stage& stage,
                                               size_t index);

// `path` made absolute against `workdir` and cleaned ("." and ".." segments, repeated and trailing
// slashes), like Go's path.Join. An absolute `path` ignores `workdir`.
std::string ResolvePath(std::string_view workdir, std::string_view path);

// The directory a command of a RUN runs in.
struct CommandDirectory {
  std::optional<std::string> path;  // absolute; nullopt when not known
  bool moved = false;               // a `cd` of the RUN left the WORKDIR (to `path`, when known)
};

// Where each command of `script` runs (before its own effect): `workdir` (WorkdirBefore the RUN)
// followed through the earlier `cd`/`pushd`/`popd` of its shell and the shells above it
// (ShellScript::shell_parents: not a `cd` inside a subshell that has ended, or inside an `sh -c`
// that has returned). The path becomes unknown after a `cd` to a word with an unknown variable or
// `~`, a bare `cd` ($HOME), and a `cd` that may not run (an if/case branch, a loop or function
// body, after `||`). One entry per command, computed in one pass.
std::vector<CommandDirectory> DirectoriesOf(const shell::ShellScript& script, std::optional<std::string> workdir);

// `path` as an absolute path for a command running in `directory`; a relative path stays as it
// is when the WORKDIR is not known and no `cd` moved (it still compares with other paths relative
// to that same WORKDIR), and is nullopt when a `cd` went somewhere unknown.
std::optional<std::string> ResolveAt(const CommandDirectory& directory, std::string_view path);

// Stands for the WORKDIR when it is not known (a WORKDIR with an unknown variable): paths
// relative to it compare with each other.
inline constexpr std::string_view kUnknownWorkdir = "/?workdir";

// `path` for a command running in `directory`, always comparable: absolute, or below
// kUnknownWorkdir; nullopt after a `cd` to somewhere unknown (or `..` out of the unknown WORKDIR).
std::optional<std::string> Locate(const CommandDirectory& directory, std::string_view path);

}  // namespace slimage::rules
