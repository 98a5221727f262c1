// Random access to the bytes of an image source (an archive file, a blob in a layout
// directory, or memory in tests and the fuzzer). Readers never assume a whole file fits
// in memory: they read ranges.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "util/expected.h"

namespace slimage::image {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // Reads up to buffer.size() bytes at `offset`; returns how many (0 at or past the end).
  virtual Expected<size_t> ReadAt(uint64_t offset, std::span<std::byte> buffer) const = 0;
  // What error messages call it ("image.tar", "image.tar:blobs/sha256/ab…").
  virtual const std::string& name() const = 0;
};

// A file on disk, read with pread (thread safe).
Expected<std::shared_ptr<ByteSource>> OpenFileSource(const std::string& path);
// Bytes held in memory (tests, fuzzer).
std::shared_ptr<ByteSource> MakeMemorySource(std::string bytes, std::string name);
// A window [offset, offset+length) of another source (a member of a tar); `name` for errors.
std::shared_ptr<ByteSource> MakeSliceSource(std::shared_ptr<const ByteSource> parent, uint64_t offset,
                                            uint64_t length, std::string name);

// Reads all of a (small) source, refusing more than `max_bytes`.
Expected<std::string> ReadAll(const ByteSource& source, size_t max_bytes);

}  // namespace slimage::image
