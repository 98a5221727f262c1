// Builds rpm header blobs and sqlite rpmdbs in memory for the packages tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slimage::testing {

struct RpmTestPackage {
  std::string name;
  std::string version;
  std::string release;
  std::optional<uint32_t> epoch;
  std::string arch = "x86_64";
  uint64_t size = 0;  // written as LONGSIZE (INT64)
};

// A header blob as rpmdb.sqlite's Packages.blob holds it.
std::string MakeRpmHeader(const RpmTestPackage& package);
// An rpmdb.sqlite file (table Packages(hnum, blob)) holding `blobs`, as bytes.
std::string MakeRpmdbSqlite(const std::vector<std::string>& blobs);

}  // namespace slimage::testing
