# Every dependency comes from a Debian package (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(CURL REQUIRED)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# isa-l ships no pkg-config file on Debian 12.
find_path(ISAL_INCLUDE_DIR NAMES isa-l/igzip_lib.h isa-l.h REQUIRED)

# Start-up cost. A one-file lint must take a few milliseconds, and on a VM every shared library
# loaded at start costs page faults and relocations. So:
# - libcurl and libarchive (with ~40 libraries behind them) and libisal are dlopen'ed on first
#   use (net/curl_library, image/archive_library, image/isal_library); we only need their
#   headers here;
# - libraries Debian also ships as static archives (libstdc++, yaml-cpp, zstd, zlib, xxhash,
#   libcrypto) are linked statically;
# - fmt is compiled into the binary from its headers (util/fmt_compiled.cc), since Debian
#   ships only libfmt.so; its header-only mode would triple every file's compile time.
# Sanitizer and fuzz builds keep shared libraries: the sanitizer runtimes interpose on them.
set(SLIMAGE_STATIC_LIBS_DEFAULT ON)
if(SLIMAGE_SANITIZE OR SLIMAGE_FUZZ)
  set(SLIMAGE_STATIC_LIBS_DEFAULT OFF)
endif()
option(SLIMAGE_STATIC_LIBS "Link libstdc++, yaml-cpp, zstd, zlib, xxhash and libcrypto statically" ${SLIMAGE_STATIC_LIBS_DEFAULT})

add_library(slimage_dlopen_headers INTERFACE)
target_include_directories(slimage_dlopen_headers INTERFACE ${CURL_INCLUDE_DIRS} ${LIBARCHIVE_INCLUDE_DIRS}
  ${ISAL_INCLUDE_DIR})
target_link_libraries(slimage_dlopen_headers INTERFACE ${CMAKE_DL_LIBS})

add_library(slimage_fmt INTERFACE)
target_include_directories(slimage_fmt INTERFACE $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)

# `slimage_<name>`: a Debian library, from its static archive when SLIMAGE_STATIC_LIBS is on.
function(slimage_add_library name shared_target archive)
  add_library(slimage_${name} INTERFACE)
  if(SLIMAGE_STATIC_LIBS)
    find_library(SLIMAGE_${name}_ARCHIVE NAMES ${archive} REQUIRED)
    target_link_libraries(slimage_${name} INTERFACE "${SLIMAGE_${name}_ARCHIVE}")
    target_include_directories(slimage_${name} INTERFACE
      $<TARGET_PROPERTY:${shared_target},INTERFACE_INCLUDE_DIRECTORIES>)
  else()
    target_link_libraries(slimage_${name} INTERFACE ${shared_target})
  endif()
endfunction()
slimage_add_library(yaml_cpp yaml-cpp libyaml-cpp.a)
slimage_add_library(zstd PkgConfig::ZSTD libzstd.a)
slimage_add_library(zlib ZLIB::ZLIB libz.a)
slimage_add_library(xxhash PkgConfig::XXHASH libxxhash.a)
# Only the SHA-256 code of the archive is linked in (image/sha256.cc).
slimage_add_library(crypto OpenSSL::Crypto libcrypto.a)

if(SLIMAGE_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SLIMAGE_BENCH)
  find_package(benchmark REQUIRED)
endif()
