// Fuzzes what a registry (or a user) hands us before any trust: the WWW-Authenticate parser and
// the registry:// reference parser. Input: the first line is a reference, the rest a header.
// Never a crash; a parsed reference always satisfies its grammar's basic invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "net/registry_reference.h"
#include "net/www_authenticate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t newline = text.find('\n');
  const std::string reference(text.substr(0, newline));
  const std::string_view header = newline == std::string_view::npos ? text : text.substr(newline + 1);

  for (const auto& challenge : slimage::net::ParseWwwAuthenticate(header)) {
    if (challenge.scheme.empty() || challenge.params.size() > 64) std::abort();
    for (char c : challenge.scheme) {
      if (c >= 'A' && c <= 'Z') std::abort();
    }
  }
  auto parsed = slimage::net::ParseRegistryReference(reference);
  if (parsed) {
    if (parsed->host.empty() || parsed->repository.empty()) std::abort();
    if (parsed->tag.empty() == parsed->digest.empty()) std::abort();  // exactly one of them
    if (parsed->Display().find(parsed->repository) == std::string::npos) std::abort();
  } else if (parsed.error().message.find('\n') != std::string::npos && reference.find('\n') == std::string::npos) {
    std::abort();  // errors are one line
  }
  return 0;
}
