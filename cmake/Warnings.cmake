# Shared warning flags, applied through the slimage_warnings interface target.
add_library(slimage_warnings INTERFACE)
target_compile_options(slimage_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(SLIMAGE_WERROR)
  target_compile_options(slimage_warnings INTERFACE -Werror)
endif()
