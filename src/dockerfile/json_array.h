// The exec form of RUN/CMD/ENTRYPOINT/SHELL/COPY/ADD/VOLUME: a JSON array of strings, decoded
// as Go's encoding/json does for BuildKit (bad UTF-8 and lone surrogates become U+FFFD, at most
// 10000 levels of nesting, a number out of float64 range is a decode error). nlohmann-json
// rejects some of what Go accepts, and BuildKit's fallback to shell form depends on exactly
// which inputs are "not JSON" and which are "JSON, but not all strings".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slimage::dockerfile {

enum class JsonArrayKind {
  kStrings,     // a valid JSON array whose elements are all strings: exec form
  kNotJson,     // not a (valid) JSON array: BuildKit falls back to the shell form
  kNotStrings,  // valid JSON, but some element is not a string: a parse error
};

// `text` starts after leading white space has been trimmed; it must start with '['.
JsonArrayKind ParseJsonStringArray(std::string_view text, std::vector<std::string>* elements);

}  // namespace slimage::dockerfile
