// The body of the diff JSON (cli.md "JSON for diff", everything but "tool"), for documents that
// hold a diff: `slimage measure`'s largest step.
#pragma once

#include <nlohmann/json.hpp>

#include "diff/image_diff.h"

namespace slimage::report {

nlohmann::ordered_json DiffJson(const diff::DiffSide& a, const diff::DiffSide& b, const diff::ImageDiff& diff);

}  // namespace slimage::report
