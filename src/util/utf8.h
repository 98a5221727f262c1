// UTF-8 well-formedness (Unicode 15, table 3-7): what the display escape and the JSON writers
// treat as text, and what they treat as stray bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace slimage {

struct Utf8Unit {
  char32_t code_point = 0;  // valid only when `valid`
  size_t length = 1;        // bytes taken from the input (1 for a stray byte)
  bool valid = false;
};

// The character at text[pos] (pos < text.size()). A byte that does not start a well-formed
// sequence (a stray continuation byte, a truncated or overlong sequence, a surrogate, above
// U+10FFFF) is one invalid unit of length 1, so that decoding resumes at the next byte.
Utf8Unit DecodeUtf8(std::string_view text, size_t pos);

bool IsValidUtf8(std::string_view text);

// `text` with each invalid byte replaced by U+FFFD (valid text is returned unchanged).
std::string ToValidUtf8(std::string_view text);

}  // namespace slimage
