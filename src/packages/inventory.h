// Reads every package database of an image's final filesystem (the bytes the layer reader
// kept with LayerReadOptions::keep_package_databases; the last layer that wrote a file wins).
#pragma once

#include "analysis/image_model.h"
#include "packages/package.h"

namespace slimage::packages {

// dpkg, apk, rpm (sqlite), pip and npm. A database that does not parse, or whose bytes were
// not kept (over the cap), is a PackageProblem; its packages are left out.
PackageInventory ReadPackages(const analysis::ImageModel& model);

}  // namespace slimage::packages
