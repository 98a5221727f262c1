// Files that serve no purpose at run time: package manager caches (IM201), docs, man pages
// and unused locales (IM202), source control and build leftovers (IM205).
#pragma once

#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::analysis {

// One finding per cache directory that holds bytes (home caches once per home).
std::vector<ImageFinding> CheckPackageCaches(const ImageModel& model, int top);
// One finding per kind (docs, man pages, info pages, locales not in use).
std::vector<ImageFinding> CheckDocs(const ImageModel& model, int top);
// One finding per kind (.git, node_modules/.cache, __pycache__, stray *.pyc, test folders).
std::vector<ImageFinding> CheckBuildLeftovers(const ImageModel& model, int top);

}  // namespace slimage::analysis
