#include "util/size.h"

#include <array>
#include <cctype>
#include <limits>
#include <utility>

namespace slimage {
namespace {

// -Wpedantic knows no 128-bit integers; GCC and Clang have them.
__extension__ typedef unsigned __int128 Uint128;

constexpr uint64_t kMaxFractionDigits = 9;  // a billionth of a unit is precise enough

struct Unit {
  std::string_view name;
  uint64_t multiplier;
};

constexpr std::array<Unit, 9> kUnits = {{
    {"b", 1},
    {"kb", 1000},
    {"mb", 1000ull * 1000},
    {"gb", 1000ull * 1000 * 1000},
    {"tb", 1000ull * 1000 * 1000 * 1000},
    {"kib", 1024},
    {"mib", 1024ull * 1024},
    {"gib", 1024ull * 1024 * 1024},
    {"tib", 1024ull * 1024 * 1024 * 1024},
}};

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Expected<uint64_t> ParseSize(std::string_view text) {
  auto fail = [&](std::string_view why) { return MakeError("invalid size '{}': {}", text, why); };
  if (text.empty()) return fail("empty");
  if (text.front() == '-') return fail("negative");
  size_t at = 0;
  Uint128 mantissa = 0;  // all digits, integer and fraction, as one integer
  uint64_t fraction_digits = 0;
  size_t digits = 0;
  bool seen_point = false;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!IsDigit(c)) break;
    ++digits;
    if (seen_point) {
      if (fraction_digits == kMaxFractionDigits) continue;  // finer digits: ignored
      ++fraction_digits;
    }
    mantissa = mantissa * 10 + static_cast<unsigned>(c - '0');
    if (mantissa > std::numeric_limits<uint64_t>::max()) return fail("too large");
  }
  if (digits == 0) return fail("not a number");
  std::string_view unit_text = text.substr(at);
  if (!unit_text.empty() && unit_text.front() == ' ') unit_text.remove_prefix(1);
  uint64_t multiplier = 1;
  if (!unit_text.empty() || at < text.size()) {
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (EqualsIgnoringCase(unit_text, candidate.name)) unit = &candidate;
    }
    if (unit == nullptr) {
      return MakeError("invalid size '{}': unknown unit '{}' (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)",
                       text, unit_text);
    }
    multiplier = unit->multiplier;
  }
  Uint128 scale = 1;
  for (uint64_t i = 0; i < fraction_digits; ++i) scale *= 10;
  // mantissa < 2^64 and multiplier < 2^41: the product fits in 128 bits.
  const Uint128 bytes = mantissa * multiplier / scale;
  if (bytes > std::numeric_limits<uint64_t>::max()) return fail("too large");
  return static_cast<uint64_t>(bytes);
}

std::string FormatSize(uint64_t bytes) {
  if (bytes < 1000) return fmt::format("{} B", bytes);
  static constexpr std::array<std::string_view, 6> kNames = {"kB", "MB", "GB", "TB", "PB", "EB"};
  // Round to one decimal in integer arithmetic, moving up a unit when it rounds to 1000.0.
  uint64_t divisor = 1000;
  size_t index = 0;
  while (index + 1 < kNames.size() && bytes / divisor >= 1000) {
    divisor *= 1000;
    ++index;
  }
  Uint128 tenths = (static_cast<Uint128>(bytes) * 10 + divisor / 2) / divisor;
  if (tenths >= 10000 && index + 1 < kNames.size()) {
    divisor *= 1000;
    ++index;
    tenths = (static_cast<Uint128>(bytes) * 10 + divisor / 2) / divisor;
  }
  const auto whole = static_cast<uint64_t>(tenths / 10);
  const auto tenth = static_cast<uint64_t>(tenths % 10);
  return fmt::format("{}.{} {}", whole, tenth, kNames[index]);
}

std::string FormatSignedSize(int64_t delta) {
  if (delta == 0) return "0 B";
  const uint64_t magnitude = delta < 0 ? -static_cast<uint64_t>(delta) : static_cast<uint64_t>(delta);
  return (delta < 0 ? "-" : "+") + FormatSize(magnitude);
}

}  // namespace slimage
