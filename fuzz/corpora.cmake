# slimage_fuzz_replay(<target> <dir-or-file>...): the seeds each fuzz target is replayed over.
slimage_fuzz_replay(word_expander_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/word_expander)
slimage_fuzz_replay(shell_parser_fuzz ${CMAKE_CURRENT_SOURCE_DIR}/corpus/shell_parser)
