#include "packages/rpmdb.h"

#include <cstring>
#include <memory>
#include <set>
#include <string>

#include "packages/rpm_header.h"
#include "packages/sqlite_library.h"

namespace slimage::packages {

Expected<std::vector<Package>> ReadRpmdbSqlite(std::string_view database) {
  auto loaded = LoadSqlite();
  if (!loaded) return loaded.error();
  const SqliteLibrary& sqlite = **loaded;
  if (database.size() < 100 || std::memcmp(database.data(), "SQLite format 3", 16) != 0) {
    return MakeError("not an SQLite database");
  }
  // A private copy: sqlite reads it in place, and a WAL-mode header (bytes 18/19 = 2) is set
  // back to rollback mode, which an in-memory database needs (the -wal file is not in the image).
  auto bytes = std::make_unique<unsigned char[]>(database.size());
  std::memcpy(bytes.get(), database.data(), database.size());
  if (bytes[18] == 2) bytes[18] = 1;
  if (bytes[19] == 2) bytes[19] = 1;

  sqlite3* raw = nullptr;
  if (sqlite.open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) != SQLITE_OK) {
    if (raw) sqlite.close(raw);
    return MakeError("cannot open an in-memory SQLite database");
  }
  std::unique_ptr<sqlite3, decltype(sqlite.close)> db(raw, sqlite.close);
  const auto size = static_cast<sqlite3_int64>(database.size());
  if (sqlite.deserialize(db.get(), "main", bytes.get(), size, size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
    return MakeError("SQLite: {}", sqlite.errmsg(db.get()));
  }
  sqlite3_stmt* raw_statement = nullptr;
  if (sqlite.prepare_v2(db.get(), "SELECT blob FROM Packages", -1, &raw_statement, nullptr) != SQLITE_OK) {
    return MakeError("SQLite: {}", sqlite.errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, decltype(sqlite.finalize)> statement(raw_statement, sqlite.finalize);
  std::vector<Package> found;
  std::set<std::string> names;
  while (true) {
    const int step = sqlite.step(statement.get());
    if (step == SQLITE_DONE) break;
    if (step != SQLITE_ROW) return MakeError("SQLite: {}", sqlite.errmsg(db.get()));
    const void* blob = sqlite.column_blob(statement.get(), 0);
    const int length = sqlite.column_bytes(statement.get(), 0);
    std::span<const std::byte> header(static_cast<const std::byte*>(blob), blob ? static_cast<size_t>(length) : 0);
    std::string arch;
    Expected<Package> package = ParseRpmHeader(header, &arch);
    if (!package) return MakeError("package {}: {}", found.size() + 1, package.error().message);
    if (names.count(package->name) && !arch.empty() && package->name != "gpg-pubkey") package->name += "." + arch;
    names.insert(package->name);
    found.push_back(std::move(*package));
  }
  return found;
}

}  // namespace slimage::packages
