// Fuzzes the RUN shell model end to end: lexing, parsing, flattening (with sh -c nesting and
// variables) and tool recognition must never crash or hang, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shell/run_analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  slimage::shell::Environment env;
  env.Set("PKGS", "git vim");
  env.Set("EMPTY", "");
  auto analysis = slimage::shell::AnalyzeRun(text, env);
  if (analysis.ok()) {
    // Offsets must stay inside the text.
    for (const auto& command : analysis->script.commands) {
      if (command.begin > size || command.end > size || command.begin > command.end) __builtin_trap();
      for (const auto& word : command.argv) {
        if (word.begin > size || word.end > size) __builtin_trap();
      }
    }
  }
  return 0;
}
