// IM101 (bytes a later layer hid) and IM102 (the same content stored again by a later layer).
#pragma once

#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::analysis {

// One finding per (layer that wrote, layer that hid) pair, largest first.
std::vector<ImageFinding> CheckWastedBytes(const ImageModel& model, int top);
// One finding per (layer that held the content, layer that stored it again) pair.
std::vector<ImageFinding> CheckDuplicatedContent(const ImageModel& model, int top);

}  // namespace slimage::analysis
