// Small text helpers shared by the parsers of headers, pragmas and config files.
#pragma once

#include <string>
#include <string_view>

namespace slimage {

// ASCII lower case (header names, auth schemes, file names compared without case).
std::string ToLower(std::string_view text);

// `text` without the leading and trailing characters listed in `blanks`.
std::string_view TrimView(std::string_view text, std::string_view blanks);

}  // namespace slimage
