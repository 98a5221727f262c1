# slimage_fuzz_replay(<target> <dir-or-file>...): the seeds each fuzz target is replayed over.
slimage_fuzz_replay(elf_scanner_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/elf_scanner ${CMAKE_CURRENT_SOURCE_DIR}/regressions/elf_scanner)
slimage_fuzz_replay(config_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/config)
slimage_fuzz_replay(image_archive_fuzz ${SLIMAGE_SHARED_DIR}/images/dive ${SLIMAGE_SHARED_DIR}/images/ggcr)
