// Libraries opened at run time (dlopen) instead of at start-up. libcurl and libarchive pull in
// about forty more libraries (TLS, Kerberos, LDAP, libxml2, ICU); loading them costs a lint
// run most of its time, and lint never uses them. Each is opened on first use and stays open.
#pragma once

#include <string>

#include "util/expected.h"

namespace slimage {

class SharedLibrary {
 public:
  // `soname` is the ABI name we were built against, e.g. "libcurl.so.4"; the error names it,
  // says what the loader said and which Debian package provides it.
  static Expected<SharedLibrary> Open(const std::string& soname, const std::string& package);

  // Sets `function` to the library's symbol `name`, which must have the type of our header's
  // declaration (callers pass `decltype(&::name)`).
  template <typename Function>
  Status Bind(const char* name, Function*& function) const {
    Expected<void*> address = Find(name);
    if (!address) return address.error();
    function = reinterpret_cast<Function*>(*address);
    return {};
  }

  const std::string& soname() const { return soname_; }

 private:
  SharedLibrary(void* handle, std::string soname) : handle_(handle), soname_(std::move(soname)) {}
  Expected<void*> Find(const char* name) const;

  void* handle_;  // never closed: the library's code may be running on another thread
  std::string soname_;
};

}  // namespace slimage
