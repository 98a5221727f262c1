// fmt's compiled part (vformat and its helpers), built into our binary from the Debian headers:
// Debian ships fmt only as a shared library, which would load libstdc++.so at start-up (see
// cmake/Dependencies.cmake). Without FMT_HEADER_ONLY, format-inl.h defines these functions
// out of line, exactly once, here.
#include <fmt/format-inl.h>

// format.h declares these `extern template`: their one instantiation belongs here too.
FMT_BEGIN_NAMESPACE
namespace detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
