// The challenges of a WWW-Authenticate header (RFC 7235): `Bearer realm="…",service="…",
// scope="repository:a/b:pull,push"` or `Basic realm="…"`, several per header allowed. Quoted
// values may hold commas and backslash escapes; parameter names are case-insensitive.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace slimage::net {

struct AuthChallenge {
  std::string scheme;                         // lower case: "bearer", "basic"
  std::map<std::string, std::string> params;  // names in lower case
  std::string Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? "" : it->second;
  }
};

// What could be read; malformed parts are skipped, never an error (the header is untrusted).
std::vector<AuthChallenge> ParseWwwAuthenticate(std::string_view header);

}  // namespace slimage::net
