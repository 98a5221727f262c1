# What `cmake --install` and the Debian package (`cpack -G DEB`, run in the build folder) hold:
# the binary, the man page and the shell completions. The last three are written at build time
# by the binary itself (`slimage manpage`, `slimage completion SHELL`), from the same option
# table that parses argv, so they cannot drift from --help. docs/packaging.md.
include(GNUInstallDirs)

set(SLIMAGE_GENERATED_DOCS
  "${CMAKE_BINARY_DIR}/slimage.1"
  "${CMAKE_BINARY_DIR}/slimage.1.gz"
  "${CMAKE_BINARY_DIR}/completions/slimage.bash"
  "${CMAKE_BINARY_DIR}/completions/_slimage"
  "${CMAKE_BINARY_DIR}/completions/slimage.fish")
add_custom_command(
  OUTPUT ${SLIMAGE_GENERATED_DOCS}
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_BINARY_DIR}/completions"
  COMMAND sh -c "\"$1\" manpage > \"$2/slimage.1\" && gzip -9n -c \"$2/slimage.1\" > \"$2/slimage.1.gz\""
          sh "$<TARGET_FILE:slimage>" "${CMAKE_BINARY_DIR}"
  COMMAND sh -c "for s in bash zsh fish; do \"$1\" completion $s > \"$2/completions/slimage.$s\" || exit 1; done; mv \"$2/completions/slimage.zsh\" \"$2/completions/_slimage\""
          sh "$<TARGET_FILE:slimage>" "${CMAKE_BINARY_DIR}"
  DEPENDS slimage
  COMMENT "slimage.1 and shell completions from the CLI option table"
  VERBATIM)
add_custom_target(slimage_docs ALL DEPENDS ${SLIMAGE_GENERATED_DOCS})

install(TARGETS slimage RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES "${CMAKE_BINARY_DIR}/slimage.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${CMAKE_BINARY_DIR}/completions/slimage.bash" DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions"
        RENAME slimage)
install(FILES "${CMAKE_BINARY_DIR}/completions/_slimage" DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
install(FILES "${CMAKE_BINARY_DIR}/completions/slimage.fish" DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d")
install(FILES "${CMAKE_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME slimage)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "finds, explains, fixes and measures what makes container images big")
set(CPACK_PACKAGE_CONTACT "slimage developers <slimage@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # slimage_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_STRIP_FILES ON)
# libc6 and libm from dpkg-shlibdeps; libcurl, libarchive, libisal and libsqlite3 are dlopen'ed on first use
# (docs/ARCHITECTURE.md), so no tool can see them: they are declared by hand, by the sonames the
# code opens (net/curl_library.cc, image/archive_library.cc, image/isal_library.cc,
# packages/sqlite_library.cc).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4, libarchive13, libisal2, libsqlite3-0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
include(CPack)
