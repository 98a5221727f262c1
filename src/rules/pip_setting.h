// pip's settings from the environment (PIP_NO_CACHE_DIR), read the way pip reads them.
#pragma once

#include <optional>
#include <string_view>

namespace slimage::rules {

// pip._internal.utils.misc.strtobool: y yes t true on 1 → true, n no f false off 0 → false,
// case-insensitive, nothing stripped; anything else is not a boolean (nullopt).
std::optional<bool> PipStrToBool(std::string_view value);

enum class PipCacheState {
  kOn,        // unset or empty (pip ignores an empty PIP_* variable)
  kOff,       // any valid boolean, false ones included (`_handle_no_cache_dir`)
  kRefused,   // not a boolean: pip stops with an option error before installing anything
};

// What PIP_NO_CACHE_DIR with `value` (nullopt: unset) does to pip's cache.
PipCacheState PipCacheFromNoCacheDir(std::optional<std::string_view> value);

}  // namespace slimage::rules
