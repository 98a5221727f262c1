// Forward-only bytes: a layer blob arriving over HTTP, a member of a tar streamed from the
// Docker Engine. Sources without random access are read through this, once, in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "image/byte_source.h"
#include "util/expected.h"

namespace slimage::image {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to buffer.size() bytes; returns 0 only at the end of the stream.
  virtual Expected<size_t> Read(std::span<std::byte> buffer) = 0;
  // What error messages call it.
  virtual const std::string& name() const = 0;
};

// Opens a stream when it is needed (a registry blob is requested when its layer is read).
using StreamOpener = std::function<Expected<std::unique_ptr<ByteStream>>()>;

// Reads a random-access source from its start to its end.
std::unique_ptr<ByteStream> MakeSourceStream(std::shared_ptr<const ByteSource> source);

// Reads a file descriptor (a pipe: `docker save app | slimage analyze -`); does not close it.
std::unique_ptr<ByteStream> MakeFdStream(int fd, std::string name);

// Reads a stream to its end, refusing more than `max_bytes` (manifests, configs).
Expected<std::string> ReadStreamToString(ByteStream& stream, size_t max_bytes);

}  // namespace slimage::image
