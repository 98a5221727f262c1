# slimage_fuzz_replay(<target> <dir-or-file>...): the seeds each fuzz target is replayed over.
slimage_fuzz_replay(word_expander_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/word_expander)
slimage_fuzz_replay(shell_parser_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/shell_parser)
slimage_fuzz_replay(dockerfile_parser_fuzz ${SLIMAGE_SHARED_DIR}/corpus/buildkit-parser
  ${SLIMAGE_SHARED_DIR}/corpus/buildkit-parser-negative ${SLIMAGE_SHARED_DIR}/corpus/dockerfiles
  ${CMAKE_CURRENT_SOURCE_DIR}/corpus/dockerfile_parser ${CMAKE_CURRENT_SOURCE_DIR}/regressions/dockerfile_parser)
slimage_fuzz_replay(elf_scanner_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/elf_scanner ${CMAKE_CURRENT_SOURCE_DIR}/regressions/elf_scanner)
slimage_fuzz_replay(config_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/config)
slimage_fuzz_replay(image_archive_fuzz ${SLIMAGE_SHARED_DIR}/images/dive ${SLIMAGE_SHARED_DIR}/images/ggcr)
slimage_fuzz_replay(archive_stream_fuzz ${SLIMAGE_SHARED_DIR}/images/dive ${SLIMAGE_SHARED_DIR}/images/ggcr)
slimage_fuzz_replay(registry_auth_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/registry_auth)
