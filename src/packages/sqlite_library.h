// The SQLite functions we call (to read the sqlite rpmdb), looked up at run time like libcurl
// and libarchive (util/shared_library.h): only `slimage diff` of an rpm image needs them.
#pragma once

#include <sqlite3.h>

#include "util/expected.h"

namespace slimage::packages {

struct SqliteLibrary {
  decltype(&::sqlite3_open_v2) open_v2;
  decltype(&::sqlite3_close) close;
  decltype(&::sqlite3_deserialize) deserialize;
  decltype(&::sqlite3_serialize) serialize;  // tests build databases in memory
  decltype(&::sqlite3_free) free;
  decltype(&::sqlite3_exec) exec;
  decltype(&::sqlite3_prepare_v2) prepare_v2;
  decltype(&::sqlite3_bind_blob) bind_blob;
  decltype(&::sqlite3_step) step;
  decltype(&::sqlite3_column_blob) column_blob;
  decltype(&::sqlite3_column_bytes) column_bytes;
  decltype(&::sqlite3_finalize) finalize;
  decltype(&::sqlite3_errmsg) errmsg;
};

// Loads libsqlite3 once per process; later calls return the same table or the same error.
Expected<const SqliteLibrary*> LoadSqlite();

}  // namespace slimage::packages
