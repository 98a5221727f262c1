#include "image/archive_library.h"

#include "util/runtime_libraries.h"
#include "util/shared_library.h"

namespace slimage::image {
namespace {

Expected<ArchiveLibrary> Load() {
  auto library = SharedLibrary::Open(kArchiveLibrary);
  if (!library) return library.error();
  ArchiveLibrary table{};
  Status bound = FirstError({library->Bind("archive_version_string", table.version_string),
                             library->Bind("archive_read_new", table.read_new),
                             library->Bind("archive_read_support_format_tar", table.read_support_format_tar),
                             library->Bind("archive_read_support_format_gnutar", table.read_support_format_gnutar),
                             library->Bind("archive_read_open", table.read_open),
                             library->Bind("archive_read_next_header", table.read_next_header),
                             library->Bind("archive_read_data", table.read_data),
                             library->Bind("archive_read_data_block", table.read_data_block),
                             library->Bind("archive_read_free", table.read_free),
                             library->Bind("archive_error_string", table.error_string),
                             library->Bind("archive_set_error", table.set_error),
                             library->Bind("archive_entry_pathname", table.entry_pathname),
                             library->Bind("archive_entry_pathname_utf8", table.entry_pathname_utf8),
                             library->Bind("archive_entry_filetype", table.entry_filetype),
                             library->Bind("archive_entry_perm", table.entry_perm),
                             library->Bind("archive_entry_uid", table.entry_uid),
                             library->Bind("archive_entry_gid", table.entry_gid),
                             library->Bind("archive_entry_size", table.entry_size),
                             library->Bind("archive_entry_size_is_set", table.entry_size_is_set),
                             library->Bind("archive_entry_hardlink", table.entry_hardlink),
                             library->Bind("archive_entry_symlink", table.entry_symlink)});
  if (!bound) return bound.error();
  return table;
}

}  // namespace

Expected<const ArchiveLibrary*> LoadArchive() { return LoadOnce<ArchiveLibrary, Load>(); }

}  // namespace slimage::image
