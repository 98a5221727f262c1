// The isa-l (igzip) functions we call, looked up at run time (see util/shared_library.h for
// why: mapping libisal costs a lint run some twenty page faults for nothing).
#pragma once

#include <isa-l.h>

#include "util/expected.h"

namespace slimage::image {

struct IsalLibrary {
  decltype(&::isal_inflate_init) inflate_init;
  decltype(&::isal_inflate_reset) inflate_reset;
  decltype(&::isal_inflate) inflate;
};

// Loads libisal once per process; later calls return the same table or the same error.
Expected<const IsalLibrary*> LoadIsal();

}  // namespace slimage::image
