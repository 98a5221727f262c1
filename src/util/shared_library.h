// Libraries opened at run time (dlopen) instead of at start-up. libcurl and libarchive pull in
// about forty more libraries (TLS, Kerberos, LDAP, libxml2, ICU); loading them costs a lint
// run most of its time, and lint never uses them. Each is opened on first use and stays open.
#pragma once

#include <initializer_list>
#include <string>

#include "util/expected.h"
#include "util/runtime_libraries.h"

namespace slimage {

class SharedLibrary {
 public:
  // `soname` is the ABI name we were built against, e.g. "libcurl.so.4"; the error names it,
  // says what the loader said and which Debian package provides it.
  static Expected<SharedLibrary> Open(const std::string& soname, const std::string& package);
  static Expected<SharedLibrary> Open(const RuntimeLibrary& library) {
    return Open(std::string(library.soname), std::string(library.package));
  }

  // Sets `function` to the library's symbol `name`, which must have the type of our header's
  // declaration (callers pass `decltype(&::name)`).
  template <typename Function>
  Status Bind(const char* name, Function*& function) const {
    Expected<void*> address = Find(name);
    if (!address) return address.error();
    function = reinterpret_cast<Function*>(*address);
    return {};
  }

 private:
  SharedLibrary(void* handle, std::string soname) : handle_(handle), soname_(std::move(soname)) {}
  Expected<void*> Find(const char* name) const;

  void* handle_;  // never closed: the library's code may be running on another thread
  std::string soname_;
};

// The first error among `results` (a table's Binds, in order), or success.
Status FirstError(std::initializer_list<Status> results);

// A table of a library's functions, loaded once per process: `load` runs on the first call
// (thread-safe, as C++ initialises a function's statics), and every call returns the same
// table or the same error.
template <typename Table, Expected<Table> (*load)()>
Expected<const Table*> LoadOnce() {
  static const Expected<Table> loaded = load();
  if (!loaded) return loaded.error();
  return &*loaded;
}

}  // namespace slimage
