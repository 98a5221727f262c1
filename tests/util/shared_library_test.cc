#include "util/shared_library.h"

#include <gtest/gtest.h>

#include <cstring>

namespace slimage {
namespace {

TEST(SharedLibrary, AMissingLibraryNamesItAndItsPackage) {
  auto library = SharedLibrary::Open("libslimage-no-such.so.9", "libslimage-no-such9");
  ASSERT_FALSE(library);
  EXPECT_EQ(library.error().message,
            "cannot load libslimage-no-such.so.9 (install the libslimage-no-such9 package): "
            "libslimage-no-such.so.9: cannot open shared object file: No such file or directory");
}

TEST(SharedLibrary, BindsAFunctionThatThenWorks) {
  auto library = SharedLibrary::Open("libc.so.6", "libc6");
  ASSERT_TRUE(library) << library.error().message;
  decltype(&std::strlen) length = nullptr;
  ASSERT_TRUE(library->Bind("strlen", length));
  EXPECT_EQ(length("slimage"), 7u);
}

TEST(SharedLibrary, AMissingSymbolNamesTheLibraryAndTheSymbol) {
  auto library = SharedLibrary::Open("libc.so.6", "libc6");
  ASSERT_TRUE(library);
  void (*function)() = nullptr;
  Status bound = library->Bind("slimage_no_such_function", function);
  ASSERT_FALSE(bound);
  EXPECT_EQ(bound.error().message.rfind("libc.so.6 has no symbol slimage_no_such_function: ", 0), 0u)
      << bound.error().message;
  EXPECT_EQ(function, nullptr);
}

}  // namespace
}  // namespace slimage
