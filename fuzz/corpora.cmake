# slimage_fuzz_replay(<target> <dir-or-file>...): the seeds each fuzz target is replayed over.
