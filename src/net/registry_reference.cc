#include "net/registry_reference.h"

#include <algorithm>

namespace slimage::net {
namespace {

bool Lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool Word(char c) { return Lower(c) || (c >= 'A' && c <= 'Z') || c == '_'; }
bool Hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool ValidComponent(const std::string& component) {
  if (component.empty() || !Lower(component.front()) || !Lower(component.back())) return false;
  for (size_t i = 0; i < component.size();) {
    if (Lower(component[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < component.size() && !Lower(component[i])) ++i;
    std::string separator = component.substr(start, i - start);
    bool dashes = std::all_of(separator.begin(), separator.end(), [](char c) { return c == '-'; });
    if (separator != "." && separator != "_" && separator != "__" && !dashes) return false;
  }
  return true;
}

bool ValidHost(const std::string& host) {
  if (host.empty() || host.size() > 255) return false;
  std::string name = host;
  std::string port;
  if (host.front() == '[') {  // [v6]:port
    size_t close = host.find(']');
    if (close == std::string::npos || close == 1) return false;
    std::string inside = host.substr(1, close - 1);
    if (!std::all_of(inside.begin(), inside.end(), [](char c) { return Hex(static_cast<char>(c | 0x20)) || c == ':' || c == '.'; })) return false;
    std::string rest = host.substr(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':') return false;
    port = rest.substr(1);
    if (port.empty()) return false;
  } else {
    size_t colon = host.find(':');
    if (colon != std::string::npos) {
      name = host.substr(0, colon);
      port = host.substr(colon + 1);
      if (port.empty()) return false;
    }
    if (name.empty() || name.front() == '.' || name.front() == '-' || name.back() == '.' || name.back() == '-') return false;
    if (!std::all_of(name.begin(), name.end(), [](char c) { return Word(c) || c == '.' || c == '-'; })) return false;
    if (name.find('_') != std::string::npos) return false;
  }
  if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return port.empty() || std::stoi(port) <= 65535;
}

}  // namespace

std::string RegistryReference::Display() const {
  return host + "/" + repository + (digest.empty() ? ":" + tag : "@" + digest);
}

Expected<RegistryReference> ParseRegistryReference(const std::string& text) {
  auto fail = [&](const char* why) {
    return MakeError("{}: malformed registry reference: {}; expected registry://HOST[:PORT]/NAME[:TAG|@DIGEST]", text,
                     why);
  };
  const std::string scheme = "registry://";
  if (text.rfind(scheme, 0) != 0) return fail("it does not start with registry://");
  if (text.size() > 4096) return fail("it is too long");
  std::string rest = text.substr(scheme.size());
  size_t slash = rest.find('/');
  if (slash == std::string::npos) return fail("no image name after the host");
  RegistryReference ref;
  ref.host = rest.substr(0, slash);
  if (!ValidHost(ref.host)) return fail("the host is not HOST or HOST:PORT");
  std::string path = rest.substr(slash + 1);
  if (size_t at = path.find('@'); at != std::string::npos) {
    ref.digest = path.substr(at + 1);
    path = path.substr(0, at);
    if (ref.digest.rfind("sha256:", 0) != 0) return fail("only sha256 digests are supported");
    if (ref.digest.size() != 71 || !std::all_of(ref.digest.begin() + 7, ref.digest.end(), Hex)) {
      return fail("the digest is not sha256: and 64 lower-case hex digits");
    }
  }
  // A tag follows the last ':' that comes after the last '/'.
  size_t last_slash = path.rfind('/');
  size_t colon = path.find(':', last_slash == std::string::npos ? 0 : last_slash);
  if (colon != std::string::npos) {
    ref.tag = path.substr(colon + 1);
    path = path.substr(0, colon);
    if (ref.tag.empty() || ref.tag.size() > 128 || !Word(ref.tag.front()) ||
        !std::all_of(ref.tag.begin(), ref.tag.end(), [](char c) { return Word(c) || c == '.' || c == '-'; })) {
      return fail("the tag is not [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    }
  }
  if (path.empty()) return fail("no image name after the host");
  if (path.size() > 255) return fail("the name is longer than 255 characters");
  for (size_t start = 0;;) {
    size_t end = path.find('/', start);
    if (!ValidComponent(path.substr(start, end == std::string::npos ? std::string::npos : end - start))) {
      return fail("the name has a component that is not lower-case letters and digits joined by '.', '_', '__' or '-'");
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  ref.repository = path;
  if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  if (!ref.digest.empty()) ref.tag.clear();  // NAME:TAG@DIGEST: the digest decides
  return ref;
}

}  // namespace slimage::net
