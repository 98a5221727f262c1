#include "support/rpmdb_builder.h"

#include <stdexcept>

#include "packages/sqlite_library.h"

namespace slimage::testing {
namespace {

void Put(std::string& out, uint64_t value, int width) {
  for (int i = width - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

}  // namespace

std::string MakeRpmHeader(const RpmTestPackage& package) {
  struct Tag {
    uint32_t tag, type;
    std::string data;
  };
  std::vector<Tag> tags;
  auto string_tag = [&](uint32_t tag, const std::string& value) { tags.push_back({tag, 6, value + '\0'}); };
  string_tag(1000, package.name);
  string_tag(1001, package.version);
  string_tag(1002, package.release);
  string_tag(1022, package.arch);
  if (package.epoch) {
    std::string data;
    Put(data, *package.epoch, 4);
    tags.push_back({1003, 4, data});
  }
  std::string size;
  Put(size, package.size, 8);
  tags.push_back({5009, 5, size});
  std::string index, data;
  for (const Tag& tag : tags) {
    while (tag.type == 5 && data.size() % 8 != 0) data += '\0';
    while (tag.type == 4 && data.size() % 4 != 0) data += '\0';
    Put(index, tag.tag, 4);
    Put(index, tag.type, 4);
    Put(index, data.size(), 4);
    Put(index, 1, 4);
    data += tag.data;
  }
  std::string blob;
  Put(blob, tags.size(), 4);
  Put(blob, data.size(), 4);
  return blob + index + data;
}

std::string MakeRpmdbSqlite(const std::vector<std::string>& blobs) {
  auto loaded = packages::LoadSqlite();
  if (!loaded) throw std::runtime_error(loaded.error().message);
  const packages::SqliteLibrary& sqlite = **loaded;
  sqlite3* db = nullptr;
  sqlite.open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, nullptr);
  sqlite.exec(db, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)", nullptr,
              nullptr, nullptr);
  for (const std::string& blob : blobs) {
    sqlite3_stmt* statement = nullptr;
    sqlite.prepare_v2(db, "INSERT INTO Packages (blob) VALUES (?)", -1, &statement, nullptr);
    sqlite.bind_blob(statement, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    sqlite.step(statement);
    sqlite.finalize(statement);
  }
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite.serialize(db, "main", &size, 0);
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
  sqlite.free(bytes);
  sqlite.close(db);
  return out;
}

}  // namespace slimage::testing
