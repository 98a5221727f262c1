#include "util/shared_library.h"

#include <dlfcn.h>

namespace slimage {

namespace {

std::string LastLoaderError() {
  const char* message = dlerror();
  return message ? message : "unknown error";
}

}  // namespace

Expected<SharedLibrary> SharedLibrary::Open(const std::string& soname, const std::string& package) {
  // RTLD_LOCAL keeps the library's symbols (and its libstdc++, if any) out of our lookups.
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return MakeError("cannot load {} (install the {} package): {}", soname, package, LastLoaderError());
  return SharedLibrary(handle, soname);
}

Expected<void*> SharedLibrary::Find(const char* name) const {
  dlerror();  // so that the message below is this lookup's
  void* address = dlsym(handle_, name);
  if (!address) return MakeError("{} has no symbol {}: {}", soname_, name, LastLoaderError());
  return address;
}

Status FirstError(std::initializer_list<Status> results) {
  for (const Status& result : results) {
    if (!result) return result;
  }
  return {};
}

}  // namespace slimage
