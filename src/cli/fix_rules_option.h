// `--rules ID,…` of `fix` and `measure`: every ID must name a rule that has an automatic fix.
#pragma once

#include <string>
#include <vector>

namespace slimage::cli {

// The IDs as given; throws InvalidInput for an unknown rule or one without a fix.
std::vector<std::string> FixRulesOrThrow(const std::vector<std::string>& ids);

}  // namespace slimage::cli
