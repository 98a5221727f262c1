// Where the base image ends, from the history alone (rules.md "User share").
#pragma once

#include <vector>

#include "analysis/image_model.h"

namespace slimage::analysis {

// Filesystem layers that belong to the base image: those up to the last CMD/ENTRYPOINT
// entry that still has a filesystem layer after it (a base image ends with its CMD;
// the user's own CMD comes last). 0 when nothing marks a base.
int BaseLayerCountFromHistory(const std::vector<HistoryEntry>& history);

}  // namespace slimage::analysis
