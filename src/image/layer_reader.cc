#include "image/layer_reader.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "image/archive_library.h"
#include "image/byte_stream.h"
#include "image/decode_ahead.h"
#include "image/decompressor.h"
#include "image/sha256.h"
#include "image/tar_index.h"

namespace slimage::image {
namespace {

// Feeds the decompressed stream to libarchive, hashing and counting it on the way.
struct StreamState {
  const ArchiveLibrary* libarchive = nullptr;
  DecodeAhead* decoded = nullptr;
  std::optional<Sha256> tar_hash;
  bool hash_here = true;  // false: the decoding thread hashes the tar (DecodeAhead's observer)
  uint64_t tar_bytes = 0;
  uint64_t max_bytes = 0;
  std::optional<Error> error;  // why the stream stopped
  bool over_cap = false;
};

la_ssize_t ReadCallback(struct archive* archive, void* opaque, const void** buffer) {
  auto* state = static_cast<StreamState*>(opaque);
  auto chunk = state->decoded->Next();
  if (!chunk) {
    state->error = chunk.error();
    state->libarchive->set_error(archive, EIO, "%s", chunk.error().message.c_str());
    return -1;
  }
  state->tar_bytes += chunk->size();
  if (state->max_bytes != 0 && state->tar_bytes > state->max_bytes) {
    state->over_cap = true;
    state->libarchive->set_error(archive, EFBIG, "layer over the size cap");
    return -1;
  }
  if (state->hash_here) state->tar_hash->Update(*chunk);
  *buffer = chunk->data();
  return static_cast<la_ssize_t>(chunk->size());
}

// "./usr//bin/../lib/" -> "/usr/lib"; escapes = a ".." above the root.
std::string NormaliseEntryPath(const std::string& raw, bool* escapes) {
  return "/" + NormaliseMemberName(raw, escapes);
}

}  // namespace

Expected<LayerContents> ReadLayer(const LayerDescriptor& layer, const std::string& label,
                                  const LayerReadOptions& options) {
  auto loaded = LoadArchive();
  if (!loaded) return MakeError("{}: {}", label, loaded.error().message);
  const ArchiveLibrary& libarchive = **loaded;
  LayerContents contents;
  std::unique_ptr<ByteStream> blob;
  if (layer.blob) {
    blob = MakeSourceStream(layer.blob);
  } else if (layer.open_stream) {
    auto opened = layer.open_stream();
    if (!opened) return MakeError("{}: {}", label, opened.error().message);
    blob = std::move(*opened);
  } else {
    return MakeError("{}: internal error: layer has no bytes", label);
  }
  // The diff_id is always computed (the model shows it). The blob digest of a compressed
  // blob only when the source names one to check (hashing costs a fifth of the run time);
  // for an uncompressed blob it is the diff_id, hashed once.
  std::optional<Sha256> blob_hash;
  bool hash_blob = false;  // decided once the format is sniffed, before the first byte is observed
  auto decompressor = Decompressor::Create(std::move(blob), [&](std::span<const std::byte> bytes) {
    if (hash_blob) blob_hash->Update(bytes);
  });
  if (!decompressor) return MakeError("{}: {}", label, decompressor.error().message);
  contents.compression = (*decompressor)->compression();
  bool compressed = contents.compression != Compression::kNone;
  if ((*decompressor)->blob_bytes() == 0) {
    // Some tools write an empty layer as an empty blob rather than an empty tar.
    contents.diff_id = contents.blob_digest = Sha256Digest("");
    if (options.verify_digests && !layer.digest.empty() && layer.digest != contents.blob_digest) {
      return MakeError("{}: blob does not match its digest {} (got {})", label, layer.digest, contents.blob_digest);
    }
    return contents;
  }
  if (compressed && options.verify_digests && !layer.digest.empty()) {
    blob_hash.emplace();
    hash_blob = true;
  }

  StreamState stream;
  stream.libarchive = &libarchive;
  stream.max_bytes = options.max_layer_size;
  stream.tar_hash.emplace();
  // The decoding thread inflates (and hashes the blob); this one hashes the tar, parses it and
  // hashes the files. A plain tar needs no inflating, so its decoding thread hashes it instead.
  DecodeAhead::ChunkObserver hash_decoded;
  if (!compressed) {
    stream.hash_here = false;
    hash_decoded = [&stream](std::span<const std::byte> bytes) { stream.tar_hash->Update(bytes); };
  }
  DecodeAhead decoded(std::move(*decompressor), std::move(hash_decoded));
  stream.decoded = &decoded;

  TarReader reader(libarchive);
  auto fail = [&](const std::string& what) -> Error {
    if (stream.over_cap) {
      return MakeError("{}: uncompressed layer is larger than --max-layer-size ({} bytes)", label, options.max_layer_size);
    }
    if (stream.error) return MakeError("{}: {}", label, stream.error->message);
    return MakeError("{}: {}", label, what);
  };
  if (libarchive.read_open(reader.get(), &stream, nullptr, ReadCallback, nullptr) != ARCHIVE_OK) {
    return fail(std::string("not a tar archive: ") + libarchive.error_string(reader.get()));
  }
  XXH3_state_t* hash_state = XXH3_createState();
  struct HashStateFree {
    XXH3_state_t* state;
    ~HashStateFree() { XXH3_freeState(state); }
  } hash_state_owner{hash_state};

  bool any_entry = false;
  uint64_t kept_package_bytes = 0;  // package database bytes kept so far (kMaxKeptPackageBytesPerLayer)
  while (true) {
    struct archive_entry* entry = nullptr;
    int status = libarchive.read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status < ARCHIVE_WARN) {
      const char* message = libarchive.error_string(reader.get());
      if (!any_entry && contents.compression == Compression::kNone && stream.tar_bytes == 0) {
        return fail("empty layer blob");
      }
      return fail(std::string("bad tar: ") + (message ? message : "unreadable header"));
    }
    any_entry = true;
    if (contents.entries.size() >= options.max_entries) {
      return fail(fmt::format("more than {} entries", options.max_entries));
    }
    const char* raw_path = libarchive.entry_pathname(entry);
    if (!raw_path) raw_path = libarchive.entry_pathname_utf8(entry);
    if (!raw_path) return fail("tar entry without a name");
    bool escapes = false;
    std::string path = NormaliseEntryPath(raw_path, &escapes);
    if (escapes) return fail(fmt::format("tar entry {} points outside the root", raw_path));

    LayerEntry item;
    item.mode = static_cast<uint32_t>(libarchive.entry_perm(entry));
    item.uid = static_cast<uint32_t>(libarchive.entry_uid(entry));
    item.gid = static_cast<uint32_t>(libarchive.entry_gid(entry));
    std::string base = path.substr(path.rfind('/') + 1);
    std::string parent = path.substr(0, path.rfind('/'));
    if (base.rfind(".wh.", 0) == 0) {
      if (base == ".wh..wh..opq") {
        item.type = EntryType::kOpaque;
        item.path = parent.empty() ? "/" : parent;
      } else if (base.rfind(".wh..wh.", 0) == 0) {
        continue;  // aufs bookkeeping (.wh..wh.plnk and the like): not part of the filesystem
      } else {
        item.type = EntryType::kWhiteout;
        item.path = parent + "/" + base.substr(4);
      }
      contents.entries.push_back(std::move(item));
      continue;
    }
    item.path = path;
    const char* hardlink = libarchive.entry_hardlink(entry);
    if (hardlink) {
      item.type = EntryType::kHardlink;
      bool link_escapes = false;
      item.link_target = NormaliseEntryPath(hardlink, &link_escapes);
      if (link_escapes) return fail(fmt::format("hard link {} points outside the root", raw_path));
      contents.entries.push_back(std::move(item));
      continue;
    }
    switch (libarchive.entry_filetype(entry)) {
      case AE_IFREG: item.type = EntryType::kFile; break;
      case AE_IFDIR: item.type = EntryType::kDirectory; break;
      case AE_IFLNK: {
        item.type = EntryType::kSymlink;
        const char* target = libarchive.entry_symlink(entry);
        item.link_target = target ? target : "";
        break;
      }
      default: item.type = EntryType::kOther; break;
    }
    if (item.type == EntryType::kFile) {
      // Stream the bytes past the hash; they are never kept.
      XXH3_64bits_reset(hash_state);
      uint64_t seen = 0;
      std::optional<ElfScanner> elf;
      bool keep_text = IsKeptText(path) && libarchive.entry_size(entry) <= static_cast<la_int64_t>(kMaxKeptText);
      uint64_t keep_limit = kMaxKeptText;
      const bool package_database = !keep_text && options.keep_package_databases && IsPackageDatabase(path);
      if (package_database) {
        const la_int64_t declared = libarchive.entry_size(entry);
        keep_limit = std::min(kMaxKeptPackageDatabase, kMaxKeptPackageBytesPerLayer - kept_package_bytes);
        keep_text = declared >= 0 && static_cast<uint64_t>(declared) <= keep_limit;
      }
      const void* block = nullptr;
      size_t block_size = 0;
      la_int64_t block_offset = 0;
      while (true) {
        int data_status = libarchive.read_data_block(reader.get(), &block, &block_size, &block_offset);
        if (data_status == ARCHIVE_EOF) break;
        if (data_status < ARCHIVE_WARN) {
          const char* message = libarchive.error_string(reader.get());
          return fail(fmt::format("bad tar data for {}: {}", path, message ? message : "unreadable"));
        }
        XXH3_64bits_update(hash_state, block, block_size);
        std::span<const std::byte> bytes(static_cast<const std::byte*>(block), block_size);
        if (seen == 0 && options.scan_elf && LooksLikeElf(bytes)) elf.emplace();
        if (elf) elf->Feed(bytes);
        if (keep_text && item.text.size() + block_size <= keep_limit) item.text.append(static_cast<const char*>(block), block_size);
        seen += block_size;
      }
      item.size = libarchive.entry_size_is_set(entry) ? static_cast<uint64_t>(libarchive.entry_size(entry)) : seen;
      item.content_hash = XXH3_64bits_digest(hash_state);
      if (package_database) kept_package_bytes += item.text.size();
      if (elf) {
        if (std::optional<ElfInfo> info = elf->Finish()) item.elf = std::move(*info);
      }
    }
    contents.entries.push_back(std::move(item));
  }
  // Drain what follows the end-of-archive blocks so that the diff_id covers the whole stream.
  while (true) {
    const void* rest = nullptr;
    la_ssize_t got = ReadCallback(reader.get(), &stream, &rest);
    if (got < 0) return fail("unreadable layer stream");
    if (got == 0) break;
  }
  contents.entries.shrink_to_fit();  // the model keeps them: no growth slack for every layer
  contents.uncompressed_size = stream.tar_bytes;
  contents.compressed_size = decoded.blob_bytes();
  contents.diff_id = stream.tar_hash->FinishDigest();
  if (blob_hash) contents.blob_digest = blob_hash->FinishDigest();
  if (!compressed) contents.blob_digest = contents.diff_id;
  if (options.verify_digests && !layer.digest.empty() && contents.blob_digest != layer.digest) {
    return MakeError("{}: blob does not match its digest {} (got {})", label, layer.digest, contents.blob_digest);
  }
  if (options.verify_digests && !layer.diff_id.empty() && contents.diff_id != layer.diff_id) {
    return MakeError("{}: uncompressed layer does not match its diff_id {} (got {})", label, layer.diff_id,
                     contents.diff_id);
  }
  if (options.verify_digests && layer.declared_size && *layer.declared_size != contents.compressed_size) {
    return MakeError("{}: blob is {} bytes but its descriptor says {}", label, contents.compressed_size,
                     *layer.declared_size);
  }
  return contents;
}

Expected<void> ReadLayersInOrder(const LoadedImage& image, const LayerReadOptions& options, unsigned threads,
                                 const LayerSink& sink) {
  const size_t count = image.layers.size();
  std::mutex mutex;
  std::vector<std::optional<Expected<LayerContents>>> finished(count);  // read, not yet handed on
  size_t next_to_hand = 0;
  bool handing = false;  // one thread at a time runs the sink, in order
  std::optional<Error> failure;
  std::atomic<bool> stop{false};
  std::atomic<size_t> next{0};

  auto hand_on_ready_layers = [&](std::unique_lock<std::mutex>& lock) {
    if (handing) return;  // the thread already handing on will take this one too
    handing = true;
    while (!failure && next_to_hand < count && finished[next_to_hand]) {
      size_t index = next_to_hand++;
      Expected<LayerContents> item = std::move(*finished[index]);
      finished[index].reset();
      if (!item) {
        failure = item.error();
        break;
      }
      lock.unlock();
      Expected<void> taken = sink(index, std::move(*item));
      lock.lock();
      if (!taken) failure = taken.error();
    }
    if (failure) stop = true;
    handing = false;
  };
  // Largest blobs first, so that the last layer read is a small one and both cores stay busy
  // to the end (a single gzip stream inflates on one core). Unknown sizes keep their order.
  std::vector<size_t> order(count);
  for (size_t i = 0; i < count; ++i) order[i] = i;
  auto blob_size = [&image](size_t i) -> uint64_t {
    const LayerDescriptor& layer = image.layers[i];
    if (layer.blob) return layer.blob->size();
    return layer.declared_size.value_or(0);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return blob_size(a) > blob_size(b); });
  auto work = [&] {
    for (size_t slot = next++; slot < count && !stop; slot = next++) {
      const size_t i = order[slot];
      std::string label = fmt::format("{}: layer {}", image.source, i);
      if (!image.layers[i].digest.empty()) label += " (" + image.layers[i].digest + ")";
      Expected<LayerContents> result = ReadLayer(image.layers[i], label, options);
      std::unique_lock<std::mutex> lock(mutex);
      finished[i].emplace(std::move(result));
      hand_on_ready_layers(lock);
    }
  };
  std::vector<std::thread> pool;
  unsigned extra = threads > 1 ? std::min<unsigned>(threads, static_cast<unsigned>(count)) : 1;
  for (unsigned t = 1; t < extra; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  // A layer read after a thread stopped handing on may still wait here.
  std::unique_lock<std::mutex> lock(mutex);
  hand_on_ready_layers(lock);
  if (failure) return *failure;
  if (next_to_hand != count) return MakeError("{}: internal error: {} of {} layers read", image.source, next_to_hand, count);
  return {};
}

Expected<std::vector<LayerContents>> ReadLayers(const LoadedImage& image, const LayerReadOptions& options,
                                                unsigned threads) {
  std::vector<LayerContents> layers(image.layers.size());
  auto read = ReadLayersInOrder(image, options, threads, [&](size_t index, LayerContents contents) -> Expected<void> {
    layers[index] = std::move(contents);
    return {};
  });
  if (!read) return read.error();
  return layers;
}

}  // namespace slimage::image
