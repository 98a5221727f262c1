#include "image/isal_library.h"

#include "util/shared_library.h"

namespace slimage::image {
namespace {

Expected<IsalLibrary> Load() {
  auto library = SharedLibrary::Open("libisal.so.2", "libisal2");
  if (!library) return library.error();
  IsalLibrary table{};
  for (Status bound : {library->Bind("isal_inflate_init", table.inflate_init),
                       library->Bind("isal_inflate_reset", table.inflate_reset),
                       library->Bind("isal_inflate", table.inflate)}) {
    if (!bound) return bound.error();
  }
  return table;
}

}  // namespace

Expected<const IsalLibrary*> LoadIsal() {
  static const Expected<IsalLibrary> loaded = Load();  // C++ makes this one-time and thread-safe
  if (!loaded) return loaded.error();
  return &*loaded;
}

}  // namespace slimage::image
