// Standard base64 (RFC 4648, with padding): HTTP Basic credentials and docker config `auth`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slimage {

std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not base64 (whitespace is not skipped; missing padding is accepted).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace slimage
