// The working directory in effect at an instruction, as BuildKit resolves WORKDIR: a relative
// WORKDIR is joined to the previous one, and a stage built FROM another stage starts in that
// stage's last WORKDIR. Relative COPY destinations and relative paths of RUN commands are
// resolved against it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dockerfile/stage.h"

namespace slimage::rules {

// The working directory before `stage.instructions[index]` (index == size: at the end of the
// stage). nullopt when it is not known: no WORKDIR in the stage chain (the base image's own
// working directory is not known at lint time), or a WORKDIR with a variable of unknown value.
std::optional<std::string> WorkdirBefore(const dockerfile::BuildModel& model, const dockerfile::Stage& stage,
                                         size_t index);

// `path` made absolute against `workdir` and cleaned ("." and ".." segments, repeated and trailing
// slashes), like Go's path.Join. An absolute `path` ignores `workdir`.
std::string ResolvePath(std::string_view workdir, std::string_view path);

}  // namespace slimage::rules
