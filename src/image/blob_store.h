// Where the files of an image layout or archive live: a tar's index, a directory, or the
// members an archive stream left behind. The format readers (image_source.cc) open files by
// name through this and never learn which it is.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "image/byte_source.h"
#include "image/tar_index.h"
#include "util/expected.h"

namespace slimage::image {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // The file's bytes; nullptr when there is no such file; an error when the name leaves the store.
  virtual Expected<std::shared_ptr<const ByteSource>> Open(const std::string& name) const = 0;
  virtual const std::string& name() const = 0;
  // Names of the files at the top level (for the `repositories` fallback's config search).
  virtual std::vector<std::string> TopLevelFiles() const = 0;
};

// The files of an archive that was streamed rather than indexed (`docker save` from the Engine):
// the small metadata files kept whole, and the size of every other member (the layers, which
// were read as they passed). Layers of the result carry `member` and no bytes.
struct StreamedMembers {
  std::map<std::string, std::string> metadata;
  std::map<std::string, uint64_t> other_sizes;
};

// The members of a tar (an archive file, indexed once).
std::unique_ptr<BlobStore> MakeTarStore(TarIndex index, std::string name);
// The files below a directory (an OCI layout); names that climb out of it are refused.
std::unique_ptr<BlobStore> MakeDirectoryStore(std::string directory);
// A streamed archive's members: metadata whole; any other member only has a size, and reading
// it is an error. `members` must outlive the store.
std::unique_ptr<BlobStore> MakeStreamedStore(const StreamedMembers& members, std::string name);

}  // namespace slimage::image
