// IM203 (build toolchains left in the image) and IM204 (debug and interactive tools).
#pragma once

#include <string>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::analysis {

// One finding per toolchain of tool_table.h found in the final filesystem.
std::vector<ImageFinding> CheckToolchains(const ImageModel& model, int top);
// One finding per debug tool found, except those named in `allow_packages` (by package name
// or alias). curl is not reported when the image's HEALTHCHECK uses it.
std::vector<ImageFinding> CheckDebugTools(const ImageModel& model, const std::vector<std::string>& allow_packages,
                                          int top);

}  // namespace slimage::analysis
