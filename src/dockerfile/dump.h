// BuildKit's Node.Dump(): the S-expression form that `slimage parse` prints and that
// BuildKit's testfiles/*/result hold (each file is Dump() plus one "\n").
#pragma once

#include <string>

#include "dockerfile/ast.h"

namespace slimage::dockerfile {

std::string Dump(const Node& node);

}  // namespace slimage::dockerfile
