// IM301: dynamically linked executables whose interpreter or libraries are missing, found
// as ld.so would (RPATH, LD_LIBRARY_PATH, RUNPATH, the default and multiarch directories,
// symlinks followed inside the image, libraries' own needs too). IM302: no /bin/sh.
// IM303: the largest files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/image_finding.h"
#include "analysis/image_model.h"
#include "image/elf_scanner.h"

namespace slimage::analysis {

std::vector<ImageFinding> CheckMissingLibraries(const ImageModel& model);
std::vector<ImageFinding> CheckShell(const ImageModel& model);
std::vector<ImageFinding> CheckLargestFiles(const ImageModel& model, int top);

// Whether the kernel of an image of `architecture` (the config's GOARCH name: "amd64",
// "arm64", …) would start `elf` as a program: ET_EXEC, or ET_DYN with PT_INTERP; e_machine
// (and byte order) of that architecture; System V or GNU/Linux OS ABI. An empty
// architecture accepts any machine; one we have no machine for accepts none.
bool IsStartableOn(const image::ElfInfo& elf, std::string_view architecture);

// The directories ld.so searches after RUNPATH for an ELF of this machine: the multiarch
// directories first, then /lib, /usr/lib, /lib64, /usr/lib64, /usr/local/lib.
std::vector<std::string> DefaultLibraryDirs(uint16_t machine, bool is_64_bit);

}  // namespace slimage::analysis
