// IM301: dynamically linked executables whose interpreter or libraries are missing, found
// as ld.so would (RPATH, LD_LIBRARY_PATH, RUNPATH, the default and multiarch directories,
// symlinks followed inside the image, libraries' own needs too). IM302: no /bin/sh.
// IM303: the largest files.
#pragma once

#include <string>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"

namespace slimage::analysis {

std::vector<ImageFinding> CheckMissingLibraries(const ImageModel& model);
std::vector<ImageFinding> CheckShell(const ImageModel& model);
std::vector<ImageFinding> CheckLargestFiles(const ImageModel& model, int top);

// The directories ld.so searches after RUNPATH for an ELF of this machine: the multiarch
// directories first, then /lib, /usr/lib, /lib64, /usr/lib64, /usr/local/lib.
std::vector<std::string> DefaultLibraryDirs(uint16_t machine, bool is_64_bit);

}  // namespace slimage::analysis
