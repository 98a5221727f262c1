// Fuzzes the Dockerfile parser end to end: parse, dump, build the stage model and lint. Any
// bytes must give a tree or a SyntaxError, never a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "dockerfile/stage.h"
#include "report/lint_runner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  slimage::dockerfile::ParseResult parse = slimage::dockerfile::Parse(source);
  (void)slimage::dockerfile::Dump(parse.root);
  if (parse.ok()) {
    slimage::dockerfile::ModelResult model = slimage::dockerfile::BuildStages(parse, {});
    for (const slimage::dockerfile::Stage& stage : model.model.stages) {
      for (const slimage::dockerfile::Instruction& instruction : stage.instructions) {
        for (size_t offset = 0; offset <= instruction.command.size(); offset += 7) {
          (void)instruction.CommandPosition(offset);
        }
      }
    }
  }
  (void)slimage::report::LintSource("Dockerfile", source, {});
  return 0;
}
