// Byte sizes as people write them in budgets and flags (`123`, `45kB`, `12MB`, `1.5GiB`) and
// as the text output prints them (`12.3 MB`, SI).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/expected.h"

namespace slimage {

// A number (digits, optionally one '.' and more digits) and an optional unit, optionally
// separated by one space: B; SI kB, MB, GB, TB (powers of 1000); IEC KiB, MiB, GiB, TiB
// (powers of 1024). Units are matched without regard to case. A fraction of a byte is
// rounded down. Errors name the text: "invalid size '12XB': unknown unit 'XB' (...)".
Expected<uint64_t> ParseSize(std::string_view text);

// "999 B", "1.0 kB", "12.3 MB", "1.5 GB": SI units, one decimal above 1000 bytes.
std::string FormatSize(uint64_t bytes);
// "+1.2 MB", "-3.4 kB", "0 B".
std::string FormatSignedSize(int64_t delta);

}  // namespace slimage
