// The stage model of a Dockerfile: meta ARGs, the stages (name, base image, platform, typed
// instructions with ARG/ENV expansion as BuildKit scopes it) and which stages the target needs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/image_ref.h"
#include "dockerfile/instruction.h"
#include "dockerfile/parser.h"

namespace slimage::dockerfile {

struct Stage {
  int index = 0;
  std::string name;       // lower case as BuildKit keeps it; empty when unnamed
  Instruction from;       // the FROM (a synthetic one, at line 1, for a fragment without FROM)
  std::string base_name;  // the FROM image after expansion ("node:20", "build", "scratch")
  ImageRef base;          // parsed base_name (meaningless when base_stage >= 0)
  int base_stage = -1;    // the stage this one is built FROM, or -1 for an image
  bool base_has_unknown_variables = false;  // the FROM used a variable with no value
  std::string platform;   // --platform after expansion, empty when not given
  std::vector<Instruction> instructions;  // after FROM, in order
  std::vector<int> copy_sources;  // stages read by COPY --from / RUN --mount=from=, in order
  std::vector<std::string> copy_source_names;  // every COPY --from / mount from= value (images too)
  shell::Environment final_env;   // ENV values at the end of the stage (inherited by FROM <stage>)

  std::string Label() const { return name.empty() ? std::to_string(index) : name; }
};

struct BuildModel {
  std::vector<Instruction> meta_args;  // ARG instructions before the first FROM
  std::vector<Stage> stages;
  bool is_fragment = false;  // no FROM at all: the whole file is one stage
  int target = -1;           // the last stage or --target
  std::vector<int> needed;   // stages the target needs (itself, FROM and COPY --from, transitively)
  std::vector<int> shipped;  // the target and the stages it is built FROM, transitively

  bool Ships(int stage) const;
  bool Needs(int stage) const;
  const Stage* FindStage(std::string_view name_or_index) const;
};

struct ModelOptions {
  std::string target;  // empty: the last stage
};

struct ModelResult {
  BuildModel model;
  // An instruction BuildKit rejects (unknown instruction, wrong arguments, unknown flag…), or
  // an unknown --target. The model is still filled as far as it goes.
  std::optional<SyntaxError> error;
  std::optional<std::string> target_error;  // --target names no stage
  bool ok() const { return !error.has_value(); }
};

// `parse` must outlive the model (instructions point into its nodes).
ModelResult BuildStages(const ParseResult& parse, const ModelOptions& options = {});

}  // namespace slimage::dockerfile
