// An index of the members of an outer archive (docker save, OCI layout tar): names and
// the byte range of each member's data, so that a member is read in place as a slice of
// the archive. libarchive streams entries but does not expose data offsets, hence this
// small ustar/GNU/PAX header reader; layer tars themselves go through libarchive.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "image/byte_source.h"
#include "util/expected.h"

namespace slimage::image {

struct TarMember {
  char type = '0';          // tar typeflag: '0' file, '1' hard link, '2' symlink, '5' dir, ...
  uint64_t offset = 0;      // data offset in the archive
  uint64_t size = 0;
  std::string link_target;  // for '1' and '2'
};

class TarIndex {
 public:
  static Expected<TarIndex> Build(std::shared_ptr<const ByteSource> archive, size_t max_members = 1u << 20);

  // The member's bytes, following symbolic and hard links inside the archive only.
  // nullptr when there is no such member; an error for links that leave the archive or loop.
  Expected<std::shared_ptr<const ByteSource>> Open(const std::string& name) const;
  bool Contains(const std::string& name) const;
  const std::map<std::string, TarMember>& members() const { return members_; }
  const ByteSource& archive() const { return *archive_; }

 private:
  std::shared_ptr<const ByteSource> archive_;
  std::map<std::string, TarMember> members_;  // by normalised name ("a/b", no "./")
};

// "./a//b/../c" -> "a/c"; nullopt-like empty string when the path leaves the root.
std::string NormaliseMemberName(const std::string& name, bool* escapes);

// A tar header's number field: octal, space or NUL padded, or GNU base-256; false when it is
// neither (or overflows). Shared with the fuzzers' tar mutator.
bool ParseTarNumber(const char* field, size_t length, uint64_t* value);

}  // namespace slimage::image
