#include "dockerfile/image_ref.h"

namespace slimage::dockerfile {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// One path component: [a-z0-9]+ joined by `.`, `_`, `__` or `-`+.
bool ValidComponent(std::string_view part) {
  if (part.empty() || !IsLowerAlnum(part.front()) || !IsLowerAlnum(part.back())) return false;
  for (size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (IsLowerAlnum(c)) continue;
    if (c == '.' || c == '-') {
      if (c == '.' && !IsLowerAlnum(part[i + 1])) return false;
      continue;
    }
    if (c == '_') {
      if (part[i + 1] == '_') ++i;
      if (!IsLowerAlnum(part[i + 1])) return false;
      continue;
    }
    return false;
  }
  return true;
}

bool ValidTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 128) return false;
  for (size_t i = 0; i < tag.size(); ++i) {
    char c = tag[i];
    bool word = IsLowerAlnum(c) || (c >= 'A' && c <= 'Z') || c == '_';
    if (!word && (i == 0 || (c != '.' && c != '-'))) return false;
  }
  return true;
}

bool ValidDigest(std::string_view digest) {
  size_t colon = digest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= digest.size()) return false;
  for (char c : digest.substr(colon + 1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

}  // namespace

std::string ImageRef::Normalized() const {
  std::string out = registry + "/" + repository;
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

ImageRef ParseImageRef(std::string_view text) {
  ImageRef ref;
  ref.original = std::string(text);
  std::string_view name = text;
  if (size_t at = name.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(name.substr(at + 1));
    name = name.substr(0, at);
  }
  size_t last_slash = name.rfind('/');
  size_t colon = name.rfind(':');
  bool has_tag = colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash);
  if (has_tag) {
    ref.tag = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
  }
  size_t slash = name.find('/');
  std::string_view first = name.substr(0, slash);
  bool has_registry = slash != std::string_view::npos &&
                      (first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
                       first.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos);
  if (has_registry) {
    ref.registry = std::string(first);
    ref.repository = std::string(name.substr(slash + 1));
  } else {
    ref.registry = "docker.io";
    ref.repository = std::string(name);
  }
  if (ref.registry == "index.docker.io") ref.registry = "docker.io";
  if (ref.registry == "docker.io" && ref.repository.find('/') == std::string::npos) {
    ref.repository = "library/" + ref.repository;
  }

  bool valid = !ref.repository.empty() && !ref.registry.empty();
  std::string_view repository = ref.repository;
  while (valid && !repository.empty()) {
    size_t next = repository.find('/');
    valid = ValidComponent(repository.substr(0, next));
    repository = next == std::string_view::npos ? std::string_view() : repository.substr(next + 1);
    if (next != std::string_view::npos && repository.empty()) valid = false;
  }
  if (has_tag) valid = valid && ValidTag(ref.tag);
  if (text.find('@') != std::string_view::npos) valid = valid && ValidDigest(ref.digest);
  ref.valid = valid && text.size() <= 255 + 128 + 80;
  return ref;
}

}  // namespace slimage::dockerfile
