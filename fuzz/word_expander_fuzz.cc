// Fuzzes BuildKit word expansion: any bytes must expand or fail cleanly, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shell/word_expander.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the escape character, as a `# escape=` directive would.
  char escape = (data[0] & 1) ? '`' : '\\';
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  slimage::shell::Environment env;
  env.Set("PWD", "/home");
  env.Set("SPACE", "a  b ");
  env.Set("EMPTY", "");
  slimage::shell::ExpansionInfo info;
  (void)slimage::shell::ExpandWords(text, env, escape, &info);
  (void)slimage::shell::ExpandWord(text, env, escape, &info);
  return 0;
}
