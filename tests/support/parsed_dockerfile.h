// A Dockerfile parsed and modelled from text, for tests of helpers that take a BuildModel.
#pragma once

#include <memory>
#include <string_view>

#include "dockerfile/parser.h"
#include "dockerfile/stage.h"

namespace slimage::testing {

struct ParsedDockerfile {
  dockerfile::ParseResult parse;
  dockerfile::ModelResult model;  // points into `parse`: keep the two together
};

inline std::unique_ptr<ParsedDockerfile> ParseText(std::string_view text) {
  auto parsed = std::make_unique<ParsedDockerfile>();
  parsed->parse = dockerfile::Parse(text);
  parsed->model = dockerfile::BuildStages(parsed->parse);
  return parsed;
}

}  // namespace slimage::testing
