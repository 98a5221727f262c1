#include "packages/sqlite_library.h"

#include "util/runtime_libraries.h"
#include "util/shared_library.h"

namespace slimage::packages {
namespace {

Expected<SqliteLibrary> Load() {
  auto library = SharedLibrary::Open(kSqliteLibrary);
  if (!library) return library.error();
  SqliteLibrary table{};
  Status bound = FirstError({library->Bind("sqlite3_open_v2", table.open_v2),
                             library->Bind("sqlite3_close", table.close),
                             library->Bind("sqlite3_deserialize", table.deserialize),
                             library->Bind("sqlite3_serialize", table.serialize),
                             library->Bind("sqlite3_free", table.free),
                             library->Bind("sqlite3_exec", table.exec),
                             library->Bind("sqlite3_prepare_v2", table.prepare_v2),
                             library->Bind("sqlite3_bind_blob", table.bind_blob),
                             library->Bind("sqlite3_step", table.step),
                             library->Bind("sqlite3_column_blob", table.column_blob),
                             library->Bind("sqlite3_column_bytes", table.column_bytes),
                             library->Bind("sqlite3_finalize", table.finalize),
                             library->Bind("sqlite3_errmsg", table.errmsg)});
  if (!bound) return bound.error();
  return table;
}

}  // namespace

Expected<const SqliteLibrary*> LoadSqlite() { return LoadOnce<SqliteLibrary, Load>(); }

}  // namespace slimage::packages
