#include "net/curl_library.h"

#include "util/runtime_libraries.h"
#include "util/shared_library.h"

namespace slimage::net {
namespace {

Expected<CurlLibrary> Load() {
  auto library = SharedLibrary::Open(kCurlLibrary);
  if (!library) return library.error();
  CurlLibrary curl{};
  Status bound = FirstError({library->Bind("curl_version_info", curl.version_info),
                             library->Bind("curl_easy_init", curl.easy_init),
                             library->Bind("curl_easy_setopt", curl.easy_setopt),
                             library->Bind("curl_easy_getinfo", curl.easy_getinfo),
                             library->Bind("curl_easy_pause", curl.easy_pause),
                             library->Bind("curl_easy_strerror", curl.easy_strerror),
                             library->Bind("curl_easy_cleanup", curl.easy_cleanup),
                             library->Bind("curl_multi_init", curl.multi_init),
                             library->Bind("curl_multi_add_handle", curl.multi_add_handle),
                             library->Bind("curl_multi_perform", curl.multi_perform),
                             library->Bind("curl_multi_poll", curl.multi_poll),
                             library->Bind("curl_multi_info_read", curl.multi_info_read),
                             library->Bind("curl_multi_strerror", curl.multi_strerror),
                             library->Bind("curl_multi_remove_handle", curl.multi_remove_handle),
                             library->Bind("curl_multi_cleanup", curl.multi_cleanup),
                             library->Bind("curl_slist_append", curl.slist_append),
                             library->Bind("curl_slist_free_all", curl.slist_free_all)});
  if (!bound) return bound.error();
  // Not thread-safe, so it runs here, inside the one-time initialisation.
  decltype(&::curl_global_init) global_init = nullptr;
  if (auto found = library->Bind("curl_global_init", global_init); !found) return found.error();
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return MakeError("libcurl.so.4: curl_global_init failed");
  return curl;
}

}  // namespace

Expected<const CurlLibrary*> LoadCurl() { return LoadOnce<CurlLibrary, Load>(); }

}  // namespace slimage::net
