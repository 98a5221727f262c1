// The single place where the image findings (IM101-IM303 of rules.md) are computed.
// Implemented by the checks (src/analysis/checks*.cc); `analyze` and `check` call it.
#pragma once

#include <string>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::analysis {

struct ImageCheckOptions {
  int top = 10;  // how many paths a finding lists (IM101, IM303)
  std::vector<std::string> allow_packages;  // config `allow-packages:`: not reported by IM204
};

std::vector<ImageFinding> RunImageChecks(const ImageModel& model, const ImageCheckOptions& options);

}  // namespace slimage::analysis
