#include "image/isal_library.h"

#include "util/runtime_libraries.h"
#include "util/shared_library.h"

namespace slimage::image {
namespace {

Expected<IsalLibrary> Load() {
  auto library = SharedLibrary::Open(kIsalLibrary);
  if (!library) return library.error();
  IsalLibrary table{};
  Status bound = FirstError({library->Bind("isal_inflate_init", table.inflate_init),
                             library->Bind("isal_inflate_reset", table.inflate_reset),
                             library->Bind("isal_inflate", table.inflate)});
  if (!bound) return bound.error();
  return table;
}

}  // namespace

Expected<const IsalLibrary*> LoadIsal() { return LoadOnce<IsalLibrary, Load>(); }

}  // namespace slimage::image
