// The libarchive functions we call, looked up at run time (see util/shared_library.h for why).
// Members are named after the C functions without the `archive_` prefix.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "util/expected.h"

namespace slimage::image {

struct ArchiveLibrary {
  decltype(&::archive_version_string) version_string;
  decltype(&::archive_read_new) read_new;
  decltype(&::archive_read_support_format_tar) read_support_format_tar;
  decltype(&::archive_read_support_format_gnutar) read_support_format_gnutar;
  decltype(&::archive_read_open) read_open;
  decltype(&::archive_read_next_header) read_next_header;
  decltype(&::archive_read_data) read_data;
  decltype(&::archive_read_data_block) read_data_block;
  decltype(&::archive_read_free) read_free;
  decltype(&::archive_error_string) error_string;
  decltype(&::archive_set_error) set_error;
  decltype(&::archive_entry_pathname) entry_pathname;
  decltype(&::archive_entry_pathname_utf8) entry_pathname_utf8;
  decltype(&::archive_entry_filetype) entry_filetype;
  decltype(&::archive_entry_perm) entry_perm;
  decltype(&::archive_entry_uid) entry_uid;
  decltype(&::archive_entry_gid) entry_gid;
  decltype(&::archive_entry_size) entry_size;
  decltype(&::archive_entry_size_is_set) entry_size_is_set;
  decltype(&::archive_entry_hardlink) entry_hardlink;
  decltype(&::archive_entry_symlink) entry_symlink;
};

// Loads libarchive once per process; later calls return the same table or the same error.
Expected<const ArchiveLibrary*> LoadArchive();

// A tar reader (plain and GNU tar, no compression filters: we inflate ourselves), freed on
// scope exit.
class TarReader {
 public:
  explicit TarReader(const ArchiveLibrary& libarchive) : libarchive_(libarchive), archive_(libarchive.read_new()) {
    libarchive.read_support_format_tar(archive_);
    libarchive.read_support_format_gnutar(archive_);
  }
  ~TarReader() { libarchive_.read_free(archive_); }
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;
  struct archive* get() const { return archive_; }

 private:
  const ArchiveLibrary& libarchive_;
  struct archive* archive_;
};

}  // namespace slimage::image
