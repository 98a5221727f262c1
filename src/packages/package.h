// What an image has installed, read from its package databases (dpkg, apk, rpm, pip, npm).
// Plain data: `slimage diff` compares two of these.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace slimage::packages {

struct Package {
  std::string manager;  // "dpkg", "apk", "rpm", "pip", "npm"
  std::string name;     // dpkg: "libc6" ("libc6:i386" for a second architecture)
  std::string version;  // as the database writes it (rpm: [epoch:]version-release)
  uint64_t size = 0;    // installed bytes (dpkg Installed-Size × 1024, apk I:, rpm SIZE, pip RECORD, npm files)
};

// A database that could not be read: reported in the result, never fatal.
struct PackageProblem {
  std::string manager;
  std::string path;     // the database file
  std::string message;  // one line
};

struct PackageInventory {
  std::vector<Package> packages;  // sorted by manager, then name
  std::vector<PackageProblem> problems;
};

}  // namespace slimage::packages
